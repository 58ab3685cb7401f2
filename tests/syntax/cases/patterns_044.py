match x:
    case Foo(x, *y):
        pass
