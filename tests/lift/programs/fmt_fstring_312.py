# lift-test: drivers=any min=3.12
# 3.12 f-strings: nested quotes, nesting and multi-line replacement fields.
items = {"a": 1}
s = f"{items["a"]} and {f"{items["a"] + 1}"}"
t = f"{
    items["a"]
    + 10
}"
u = f"{'\n'.join(['x', 'y'])}"
print(s, t, repr(u))
