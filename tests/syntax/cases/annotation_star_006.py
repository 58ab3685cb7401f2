def f(b: int | *str): pass
