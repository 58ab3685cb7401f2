x = -lambda: 1
