match x:
    case -1.5-2j:
        pass
