type A[T = int] = list[T]
