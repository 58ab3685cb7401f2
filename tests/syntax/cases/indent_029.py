@d
def f():
