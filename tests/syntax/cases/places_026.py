x = [*lambda: 1]
