def f(x):
    if x
