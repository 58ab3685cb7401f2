import asyncio
await asyncio.sleep(0)
async with lock:
    pass
z = [y async for y in q]
