x = (lambda: 1)()
