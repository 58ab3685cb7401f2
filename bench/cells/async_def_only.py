import asyncio


async def fetch(session, url):
    async with session.get(url) as response:
        return await response.text()


async def main(urls):
    async with make_session() as session:
        return await asyncio.gather(*(fetch(session, u) for u in urls))


def make_session():
    raise NotImplementedError
