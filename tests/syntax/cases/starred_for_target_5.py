def f():
    for a, *[b] in x: pass
    global b
