[z for a and b in y]
