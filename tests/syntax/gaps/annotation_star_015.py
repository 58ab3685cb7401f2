def f():
    tags = * []
