try:
  x
except* E:
