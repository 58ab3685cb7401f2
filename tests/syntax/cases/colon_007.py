elif x
