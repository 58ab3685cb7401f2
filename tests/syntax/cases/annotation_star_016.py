A = M[str, *U]
