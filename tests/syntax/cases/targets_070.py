[z for {x: y for x in y} in y]
