match x:
    case {x.y: 1}:
        pass
