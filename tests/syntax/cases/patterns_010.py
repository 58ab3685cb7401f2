match x:
    case Foo(z=1, y=2, x):
        pass
