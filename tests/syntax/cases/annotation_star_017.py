def f(a: int, *b: *tuple[int, ...]): pass
