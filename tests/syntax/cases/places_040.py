x = lambda: a if lambda: 1 else c
