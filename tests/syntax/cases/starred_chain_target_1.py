*a.b, c = x
