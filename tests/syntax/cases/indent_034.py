try:
  x
finally:
