def f():
    global a, b c
