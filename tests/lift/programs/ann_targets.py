# lift-test: drivers=any
# Attribute, subscript and parenthesised targets: module code evaluates the annotation too.
log = []


def note(tag, result):
    log.append(tag)
    return result


class Obj:
    pass


o = Obj()
d = {}
note("o", o).attr: note("T1", int) = note("v1", 1)
note("d", d)[note("k", "key")]: note("T2", str) = note("v2", "val")
note("o2", o).other: note("T3", bytes)
note("d2", d)[note("k2", 0):note("k3", 1)]: note("T4", list)
(paren): note("T5", float) = note("v5", 5.0)
(paren2): note("T6", complex)
print(log, vars(o), d, paren, "paren2" in globals())
print(__annotations__)
