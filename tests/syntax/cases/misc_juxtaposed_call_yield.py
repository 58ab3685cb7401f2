def f():
    g(4)yield
    return True
