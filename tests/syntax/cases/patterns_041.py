match x:
    case True:
        pass
