# lift-test: drivers=asyncio
# asyncio itself: tasks, gather, the running loop.
import asyncio


async def work(n):
    await asyncio.sleep(0)
    return n * 2


results = await asyncio.gather(*(work(i) for i in range(3)))
task = asyncio.ensure_future(work(10))
done = await task
loop_running = asyncio.get_running_loop().is_running()
print(results, done, loop_running)
