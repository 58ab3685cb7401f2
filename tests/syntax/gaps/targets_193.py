*(a, b), c = x
