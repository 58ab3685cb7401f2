# lift-test: drivers=any
# Starred targets tree-sitter reads oddly: a starred sequence after other targets, a starred
# attribute or subscript, a starred sequence in a for target. Their names are bound at module
# level like any other.
class O: pass
o = O()
x = (1, 2, 3)
a, *[b, c] = x
*o.b, d = [4, 5, 6]
y = [7, 8, 9]
e, *(f, g) = y
i = [0]
h, *i[0:0] = x
for j, *[k, m] in [(1, 2, 3)]:
    pass
print(a, b, c, o.b, d, e, f, g, h, i, j, k, m)
print([(n, p) for n, *[p] in [(4, 5)]])
