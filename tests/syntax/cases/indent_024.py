if a:
  x
elif b:
