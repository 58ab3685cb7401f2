def f[T =](): pass
