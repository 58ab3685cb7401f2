"""Helpers for the lift equivalence programs: suspension points for every driver.

DRIVER is set by equiv_runner.py: "manual" (coro.send(None), no event loop), "asyncio" or
"trio". checkpoint() really suspends under each of them; asyncio and trio are imported only
when they are the driver, so a "manual" run proves the code needs no event loop.
"""

import types

DRIVER = "manual"


@types.coroutine
def _bare_yield():
    yield


async def checkpoint():
    if DRIVER == "asyncio":
        import asyncio
        await asyncio.sleep(0)
    elif DRIVER == "trio":
        import trio
        await trio.sleep(0)
    else:
        await _bare_yield()


async def value(x):
    """x, after a suspension."""
    await checkpoint()
    return x


async def ticks(n):
    """An async iterator over range(n), suspending before each item."""
    for i in range(n):
        await checkpoint()
        yield i


class Resource:
    """An async context manager that records what happens to it."""

    log = []

    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await checkpoint()
        Resource.log.append("enter " + self.name)
        return self.name.upper()

    async def __aexit__(self, *exc):
        await checkpoint()
        Resource.log.append("exit " + self.name + (" with " + exc[0].__name__ if exc[0] else ""))
        return False
