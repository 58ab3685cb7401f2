[z for a < b in y]
