# lift-test: drivers=any
from __future__ import annotations
import dataclasses
import typing


@dataclasses.dataclass
class Point:
    x: int
    y: int = 0
    tags: typing.List[str] = dataclasses.field(default_factory=list)


p = Point(1)
print(p, dataclasses.fields(Point)[0].type, typing.get_type_hints(Point))
hints: typing.Dict[str, int] = {}
print(typing.get_type_hints(__import__("sys").modules[__name__]))
