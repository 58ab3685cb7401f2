[z for {} in y]
