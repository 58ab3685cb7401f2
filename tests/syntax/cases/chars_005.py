x = a!
