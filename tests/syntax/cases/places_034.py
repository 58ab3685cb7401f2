x = (not lambda: 1)
