a, *[b, c] = x
