type X[T = [T for T in [T]]] = T
