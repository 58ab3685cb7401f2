[z for f() in y]
