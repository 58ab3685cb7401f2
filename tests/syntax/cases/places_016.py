x = a if lambda: 1 else b
