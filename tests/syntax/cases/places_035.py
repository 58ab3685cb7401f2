x = [a for a in b if lambda: 1]
