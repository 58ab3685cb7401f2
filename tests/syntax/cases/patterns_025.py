match x:
    case {**rest, **other}:
        pass
