[z for ... in y]
