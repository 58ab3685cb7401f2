def f():
  pass
    x
