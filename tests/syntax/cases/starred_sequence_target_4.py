a, *(b, c) = x
