print((*x))
