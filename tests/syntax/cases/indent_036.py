x = lambda:
  1
