import typing
count: int = 1
name: str
pair: tuple = 1, 2
o = type("O", (), {})()
o.attr: int = 2
d = {}
d["k"]: typing.Dict[
    str,  # keys
    int,
]
(paren): float = 3.0
if count:
    inside: bool = await check()
