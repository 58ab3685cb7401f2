def f():
    if x:
        y = 1
        # c

    return y
