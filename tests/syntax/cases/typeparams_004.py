def f[*Ts = *tuple[int]](): pass
