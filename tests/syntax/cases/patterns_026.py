match x:
    case Foo(*x):
        pass
