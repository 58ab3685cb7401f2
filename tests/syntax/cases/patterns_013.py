match x:
    case 42 as x.y:
        pass
