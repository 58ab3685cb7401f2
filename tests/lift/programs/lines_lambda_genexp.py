# lift-test: drivers=any
# Errors inside a lambda and a generator expression defined at module level.
f = lambda v: (
    v / 0
)
g = (1 / i for i in [0])
try:
    next(g)
except ZeroDivisionError:
    pass
f(1)
