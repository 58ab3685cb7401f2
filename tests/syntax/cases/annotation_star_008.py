def f(b: *str): pass
