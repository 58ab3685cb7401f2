x = r'\x1'
