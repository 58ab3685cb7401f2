# lift-test: drivers=any min=3.11
# An async comprehension inside a sync comprehension (CPython 3.8-3.10 reject it at module level).
from liftsupport import value
nested = [[await value(j) for j in range(i)] for i in range(3)]
gen = [x for x in [await value(5)]]
print(nested, gen)
