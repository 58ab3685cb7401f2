# lift-test: drivers=any
x = 1; x; x + 1; y = 2
if x: x; y
print("printed"); "shown"
(
    x,
    y,
)
x, y
(*[x], y)
