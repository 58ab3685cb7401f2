def f[T = int, *Ts = *tuple[int], **P = [int]](): pass
