a, *[b.c, d[0]] = x
