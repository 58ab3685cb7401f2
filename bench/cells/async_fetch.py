import aiohttp

url = "https://example.org/api/items"
async with aiohttp.ClientSession() as session:
    async with session.get(url, params={"page": 1}) as response:
        response.raise_for_status()
        data = await response.json()
print(len(data["items"]), "items")
