[z for "s" in y]
