import asyncio


async def work(i, delay):
    await asyncio.sleep(delay)
    return i * i


tasks = [asyncio.create_task(work(i, 0.01 * i)) for i in range(10)]
results = await asyncio.gather(*tasks, return_exceptions=True)
failed = [r for r in results if isinstance(r, Exception)]
print(sum(r for r in results if not isinstance(r, Exception)), len(failed))
