type A[T] = int
