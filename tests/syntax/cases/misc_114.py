def foo(a,d=,c):
   pass
