f = a: 0
