# lift-test: drivers=any min=3.10
# match captures and as-patterns bind module globals.
from liftsupport import value
point = await value((1, (2, 3)))
match point:
    case (0, _):
        where = "left"
    case (px, (py, *rest)) as whole:
        where = "captured"
match {"kind": "circle", "r": 2}:
    case {"kind": kind, **others}:
        pass
match 5:
    case int(number) if number > 3:
        big = True
print(where, px, py, rest, whole, kind, others, number, big)
