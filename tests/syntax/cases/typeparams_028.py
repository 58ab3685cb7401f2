def f[T = [a for a in b]](): pass
