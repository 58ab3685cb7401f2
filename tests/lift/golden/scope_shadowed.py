def dir():
    return []
print(dir(), locals())
locals = None
