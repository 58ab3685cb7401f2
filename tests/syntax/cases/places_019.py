x = a or lambda: 1
