x = 0in[1]
