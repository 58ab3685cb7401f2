x = a if b else lambda: 1
