((a, True) := 1)
