match x:
    case {1: x as y}:
        pass
