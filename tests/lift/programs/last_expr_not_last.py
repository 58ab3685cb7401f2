# lift-test: drivers=any
# The final statement is an assignment: last-expr returns None.
x = 1
x + 1
y = x
