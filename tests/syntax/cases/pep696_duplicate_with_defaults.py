def f[T = int, T = str](): pass
