f(a

def g(): pass
