def f():
    g(a, yield x)
