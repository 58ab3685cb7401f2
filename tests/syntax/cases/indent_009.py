if x:
    a
    b
