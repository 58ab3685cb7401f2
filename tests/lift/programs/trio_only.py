# lift-test: drivers=trio
# trio itself: nurseries and checkpoints.
import trio
results = []


async def child(n):
    await trio.sleep(0)
    results.append(n)


async with trio.open_nursery() as nursery:
    for i in range(3):
        nursery.start_soon(child, i)
results.sort()
print(results, trio.current_time() >= 0)
