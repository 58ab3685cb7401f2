def f():
    print((yield))
