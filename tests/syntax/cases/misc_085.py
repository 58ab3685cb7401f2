while x.a = 3:
   pass
