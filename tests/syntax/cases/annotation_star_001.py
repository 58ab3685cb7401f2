def f(b: * str | None = None): pass
