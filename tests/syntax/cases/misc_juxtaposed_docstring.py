def f():
    """doc"""raise E
