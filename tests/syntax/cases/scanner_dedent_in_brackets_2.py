def f():
    x = [1,
2] + [
3 *
4]
    return x
