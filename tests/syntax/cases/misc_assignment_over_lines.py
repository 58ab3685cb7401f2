async def f():
    a = 
    b = 1
