match x:
    case b'x' | 'y':
        pass
