((yield) := 1)
