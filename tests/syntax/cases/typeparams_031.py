def f[T=int, **U=float, *V=None](): pass
