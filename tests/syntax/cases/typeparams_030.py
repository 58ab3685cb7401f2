def f[T: int = str, U = int](): pass
