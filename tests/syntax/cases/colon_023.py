if x[1:2]
