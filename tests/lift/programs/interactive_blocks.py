# lift-test: drivers=any
# Expression statements at module level, also in blocks: displayed in interactive mode.
import contextlib
from liftsupport import value, ticks, Resource
"a string first"
1 + 1
None
if True:
    "in if"
    ...
else:
    "not run"
for i in range(2):
    i * 10
while i < 3:
    i += 1
    "while", i
with contextlib.nullcontext(5) as five:
    five
try:
    "try"
    1 / 0
except ZeroDivisionError:
    "except"
else:
    "else not run"
finally:
    "finally"
async for t in ticks(2):
    t
async with Resource("r"):
    await value("awaited in async with")


def not_displayed():
    "docstring of a function"
    42


class AlsoNot:
    "class docstring"
    7


not_displayed()
[x for x in range(3)]
(lambda: 0).__qualname__
