def f():
    x = yield 2
