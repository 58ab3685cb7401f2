# lift-test: drivers=any
# last-expr returns the final expression's value; here an await.
from liftsupport import value
results = [await value(i) for i in range(3)]
await value(sum(results))
