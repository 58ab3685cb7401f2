x = b'\xe9'
