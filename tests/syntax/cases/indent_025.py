if a:
  x
else:
