f = g = a: int = 0
