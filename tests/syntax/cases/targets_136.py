[z for -a in y]
