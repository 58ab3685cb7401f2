# The classic notebook mistake: `total` lives at module level, so the inner function needs
# `global`, not `nonlocal`. CPython refuses this module:
#     SyntaxError: no binding for nonlocal 'total' found
# A REPL that naively wraps the cell in `async def` would accept it (there `total` is a local
# of the wrapper) and silently change what the code means. asynclift reports CPython's error.
import asyncio

total = 0


def add(amount):
    nonlocal total
    total += amount


for amount in (1, 2, 3):
    add(amount)

await asyncio.sleep(0)
print(total)
