def f():
    a, *[b, c] = x
    global b
