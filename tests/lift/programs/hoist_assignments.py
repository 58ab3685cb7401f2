# lift-test: drivers=any
# Every way of binding a name at module level makes a module global, and nothing else leaks.
from liftsupport import checkpoint, value
a = 1
b, (c, *d) = 2, (3, 4, 5)
e = f = await value(6)
a += 10
[g, h] = "gh"
for i in range(3):
    j = i * 2
else:
    k = "loop done"
while a > 11:
    a -= 1
    m = "in while"
x = [w := n * n for n in range(4)]
y = {q: (qq := q + 1) for q in "ab"}
if (z := await value(99)) > 0:
    pass
await checkpoint()
print(a, b, c, d, e, f, g, h, i, j, k, m, w, x, y, z, qq)
sorted(k for k in globals() if not k.startswith("__"))
