def f(*a: Any **k: Any): pass
