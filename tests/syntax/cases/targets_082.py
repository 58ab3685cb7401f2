[z for {1} in y]
