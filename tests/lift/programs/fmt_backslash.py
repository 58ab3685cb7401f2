# lift-test: drivers=any
# Backslash continuations, including lines that look indented.
total = 1 + \
2 + \
        3
if total \
   > 5:
    big = \
  True
assert total == 6, \
    'message'
print(total, big)
