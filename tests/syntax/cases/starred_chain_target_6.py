*a.b = x
