class C[T = int, **P = [int]]: pass
