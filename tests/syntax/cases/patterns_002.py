match x:
    case {"first": first, **rest, "last": last}:
        pass
