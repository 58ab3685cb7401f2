# A notebook-style script: top-level await, as in IPython/Jupyter with autoawait.
# CPython compiles it only with ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, and then the module code is a
# coroutine: `asynclift check` reports that it needs async execution, and `asynclift lift`
# turns it into an `async def` that any event loop can run.
import asyncio
import random

URLS = [f"https://example.invalid/item/{n}" for n in range(5)]


async def fetch(url: str) -> dict:
    """Pretend to download `url`."""
    await asyncio.sleep(random.random() / 100)
    return {"url": url, "size": len(url)}


async def ticker(count: int):
    for n in range(count):
        await asyncio.sleep(0)
        yield n


lock = asyncio.Lock()

results = await asyncio.gather(*(fetch(u) for u in URLS))
total = sum(r["size"] for r in results)

async with lock:
    seen = [n async for n in ticker(3)]

async for n in ticker(2):
    print("tick", n)

print(f"{len(results)} pages, {total} bytes, ticks {seen}")
