match x:
    case None as x:
        pass
