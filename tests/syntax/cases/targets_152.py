(a, True) += 1
