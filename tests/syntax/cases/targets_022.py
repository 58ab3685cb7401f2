[z for True in y]
