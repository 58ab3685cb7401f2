match x:
    case x if y:
        pass
