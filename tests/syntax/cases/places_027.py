x = {**lambda: 1}
