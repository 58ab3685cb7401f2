# lift-test: drivers=any
# Less common binding forms: walrus in a lambda default, in an f-string, in a comprehension's
# condition; starred and nested targets; del of several targets; import of a submodule.
import xml.dom.minidom
from . import sibling as sib_module
f = lambda a=(in_default := 3): a
text = f"{(in_fstring := 4)}"
values = [v for v in [1, 2] if (in_iterable := v)]
first, *middle, (last_a, last_b) = 1, 2, 3, (4, 5)
for (idx, (ch, _u)) in enumerate([("x", 0)]):
    pass
a1 = a2 = a3 = "chain"
del (a1), [a2]
obj = type("O", (), {})()
obj.attr, items = 1, [0]
items[0] = "stored"
print(in_default, text, in_fstring, values, in_iterable, first, middle, last_a, last_b, idx, ch)
print(xml.dom.minidom.__name__, sib_module.__name__, "a1" in globals(), a3, obj.attr, items)
