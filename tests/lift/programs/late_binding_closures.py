# lift-test: drivers=any
# Functions see later rebinding of module names; closures over function locals still work.
from liftsupport import value
counter = 0


def bump():
    global counter
    counter += 1
    return counter


def make_adder(n):
    def add(x):
        return x + n + offset
    return add


offset = 100
add5 = make_adder(5)
print(bump(), bump(), add5(1))
offset = 1000
print(add5(1), counter)
callbacks = [lambda i=i: i * scale for i in range(3)]
scale = 10
print([cb() for cb in callbacks])
gen = (x * scale for x in range(3))
scale = 2
print(list(gen))


async def later():
    return await value(offset)


offset = -1
await later()
