# lift-test: drivers=any
# Form feeds: CPython restarts the column count after one.
x = 1

if x:
      y = 2
    z = 3
def f():
    return 'ff'
print(x, y, z, repr(f()))
