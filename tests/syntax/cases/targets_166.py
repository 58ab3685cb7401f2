[z for x.y() in y]
