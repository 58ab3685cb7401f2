# lift-test: drivers=any
# with/except targets, `except ... as e` deleting e, names bound in try/finally.
from liftsupport import Resource, checkpoint
import contextlib

with contextlib.suppress(KeyError) as suppressor:
    sup = {}["missing"]
with open(__import__("os").devnull) as fh, contextlib.nullcontext(7) as (seven):
    closed_inside = fh.closed
print(fh.closed, closed_inside, seven, suppressor is not None)
async with Resource("res") as handle:
    await checkpoint()
try:
    1 / 0
except ZeroDivisionError as e:
    caught = repr(e)
    saved = e
print("e" in globals(), caught, type(saved).__name__)
try:
    pass
finally:
    in_finally = True
e = "rebound e"
try:
    raise ValueError("again")
except ValueError as e:
    pass
print("e" in globals(), Resource.log, handle)
