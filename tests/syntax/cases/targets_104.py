not a += 1
