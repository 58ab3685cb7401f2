async def ticker(n):
    for i in range(n):
        yield i

squares = [i * i async for i in ticker(10)]
async for value in ticker(3):
    print(value)
print(squares)
