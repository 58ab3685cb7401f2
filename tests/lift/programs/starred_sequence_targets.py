# lift-test: drivers=any
# Starred sequences inside targets, which tree-sitter-python reads with ERROR nodes: their
# names must still be hoisted to globals.
[*(a, b)] = [1, 2]
[*[*c]] = [[7, 8, 9]]
x = [*(d, e)] = [3, 4]
*[f], g = 5, 6
for *[h], i in [(7, 8)]:
    pass
print(a, b, c, d, e, f, g, h, i, x)
