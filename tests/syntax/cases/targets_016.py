[z for None in y]
