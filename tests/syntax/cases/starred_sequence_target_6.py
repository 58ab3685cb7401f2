a, *[b, *c] = x
