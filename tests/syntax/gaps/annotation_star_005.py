def f(a: tuple[*Ts]): pass
