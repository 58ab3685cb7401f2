import asyncio
import time

QUEUE_SIZE = 8
queue = asyncio.Queue(maxsize=QUEUE_SIZE)


async def producer(n):
    for i in range(n):
        await queue.put((i, time.monotonic()))
    await queue.put(None)


async def consumer():
    seen = []
    while (item := await queue.get()) is not None:
        seen.append(item[0])
    return seen


producer_task = asyncio.create_task(producer(20))
seen = await consumer()
await producer_task
print(len(seen))
