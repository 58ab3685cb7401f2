x = a[1:lambda: 1]
