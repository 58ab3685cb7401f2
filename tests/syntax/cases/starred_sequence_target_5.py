a, *(b) = x
