x = 1
# c
if x:
    y = (2 +
 3)
