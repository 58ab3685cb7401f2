match x:
    case -1j:
        pass
