def f(b: *str | None): pass
