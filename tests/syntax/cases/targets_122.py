await x += 1
