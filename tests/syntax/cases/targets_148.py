[z for [a, f()] in y]
