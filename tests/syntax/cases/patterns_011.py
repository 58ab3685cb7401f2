match x:
    case Foo(z=1, x, y=2):
        pass
