# lift-test: drivers=any
# Top-level await, async for, async with, async comprehensions and generator expressions.
from liftsupport import value, ticks, Resource, checkpoint
a = await value(1)
collected = []
async for t in ticks(3):
    collected.append(t)
else:
    loop_else = True
async with Resource("one") as first, Resource("two") as second:
    inside = (first, second)
squares = [i * i async for i in ticks(4)]
evens = {i async for i in ticks(6) if i % 2 == 0}
mapping = {i: await value(i) for i in range(2)}
agen = (i async for i in ticks(2))
from_agen = [x async for x in agen]
try:
    async with Resource("failing"):
        raise KeyError("inside")
except KeyError:
    pass


async def agenerator():
    for i in range(2):
        await checkpoint()
        yield i


gathered = [x async for x in agenerator()]
print(a, collected, loop_else, inside, squares, evens, mapping, from_agen, gathered, Resource.log)
