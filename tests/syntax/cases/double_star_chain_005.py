f(*a.b(*c))
