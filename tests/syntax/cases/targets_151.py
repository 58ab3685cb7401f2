(a, True) = 1
