x: tuple[*Ts] = 1
