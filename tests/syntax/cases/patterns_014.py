match x:
    case x as y:
        pass
