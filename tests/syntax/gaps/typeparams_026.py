type A[T = int] = 1 +
