[z for (a, True) in y]
