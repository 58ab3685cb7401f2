if (a,
  b):
x
