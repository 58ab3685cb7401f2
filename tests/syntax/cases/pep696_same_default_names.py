type Alias[T = Undefined, *U = Undefined, **V = Undefined] = int
