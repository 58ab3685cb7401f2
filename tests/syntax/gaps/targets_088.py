[z for lambda: 1 in y]
