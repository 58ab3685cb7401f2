match x:
    case Foo(x=1, x=2):
        pass
