# lift-test: drivers=any
# An exception part way: every binding made before it is in the namespace.
from liftsupport import value
a = 1
b = await value(2)


def helper():
    return {}["missing key"]


c = [3]
for i in range(5):
    if i == 3:
        d = helper()
    last_i = i
never = "not reached"
