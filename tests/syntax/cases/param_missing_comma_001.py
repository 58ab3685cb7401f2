def f(n: A *b: Any): pass
