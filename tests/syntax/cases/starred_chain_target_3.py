*a.b, *c = x
