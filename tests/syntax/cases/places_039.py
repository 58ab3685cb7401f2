x = a and lambda: 1
