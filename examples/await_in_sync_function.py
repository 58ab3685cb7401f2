# `await` is legal at the top level of a notebook cell, but not inside a plain `def`:
#     SyntaxError: 'await' outside async function
import asyncio


def download(url):
    await asyncio.sleep(0.1)  # should be `async def download(url):`
    return url.upper()


pages = [download(u) for u in ("a", "b")]
await asyncio.sleep(0)
print(pages)
