def f():
    await (yield)
