"not a docstring in interactive mode"
x = 1
x
await x
if x:
    x + 1; y = 2
    f"{x}"
for i in []:
    i
def f():
    "a docstring"
    x
class C:
    x
x, y
