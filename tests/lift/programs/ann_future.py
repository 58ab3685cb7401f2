# lift-test: drivers=any modes=exec,last-expr
"""Under the annotations future, annotations are strings CPython writes itself."""
from __future__ import annotations
import typing
log = []


def note(tag, result):
    log.append(tag)
    return result


plain: int = note("v", 1)
quoted: "typing.List[int]"
spaced: dict[  str,int ] = {}
union: int|None|"str" = None
call: typing.Optional[ note("never", int) ] = note("v2", 2)
lam: lambda x: x+1 = 3
multi: typing.Dict[
    str,   # a comment
    int,
] = note("v3", {})
o = type("O", (), {})()
o.attr: never_evaluated = 4
print(log, __annotations__, plain, call)


def f(a: int, b: "str" = "x") -> typing.List[int]:
    return []


print(f.__annotations__)
