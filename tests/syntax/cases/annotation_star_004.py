def f(*b: *tuple[int]): pass
