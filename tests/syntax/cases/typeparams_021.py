type A = int
