[z for (yield) in y]
