def f():
    {1: yield 2}
