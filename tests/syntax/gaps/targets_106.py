[z for not a in y]
