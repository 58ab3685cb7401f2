(not a := 1)
