with open(p) if p else s as t:
    pass
