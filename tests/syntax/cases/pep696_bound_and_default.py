def f[T: int = (yield), U = *tuple[int]](): pass
