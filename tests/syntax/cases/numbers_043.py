x = 1e1or 2
