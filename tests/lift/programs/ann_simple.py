# lift-test: drivers=any
# Simple annotated names: value first, then the annotation, stored in __annotations__.
from liftsupport import value
log = []


def note(tag, result):
    log.append(tag)
    return result


count: note("annotation", int) = note("value", 3)
name: str
pair: tuple = 1, 2
starred: list = [*range(2), 5]
awaited: note("ann2", float) = await value(2.5)
if count:
    inside_if: bool = True
print(log, __annotations__, count, pair, starred, awaited, "name" in globals())
__annotations__
