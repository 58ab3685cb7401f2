[z for a if b else c in y]
