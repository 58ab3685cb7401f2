def f[T = 1 +](): pass
