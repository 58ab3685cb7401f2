# lift-test: drivers=any
# Comprehension variables that shadow module names, walrus out of nested comprehensions,
# comprehensions in class bodies.
x = "module x"
squares = [x * x for x in range(4)]
print(x, squares)
pairs = [(i, j) for i in range(2) for j in range(i + 1)]
found = [[(hit := j) for j in range(i)] for i in range(3)]
print(pairs, found, hit)
total = sum(y for y in range(5) if (last := y))
print(total, last)


class Table:
    rows = [1, 2, 3]
    doubled = [r * 2 for r in rows]
    names = {n: len(n) for n in ("a", "bb")}


print(Table.doubled, Table.names, "r" in globals(), "n" in globals())
{k: v for k, v in zip("ab", range(2))}
