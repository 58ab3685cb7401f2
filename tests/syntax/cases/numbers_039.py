x = 5 in[1]
