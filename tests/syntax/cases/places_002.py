def f():
    g(yield x)
