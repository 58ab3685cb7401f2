for x in y:
    a = True    continue
