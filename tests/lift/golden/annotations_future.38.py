from __future__ import annotations
o.attr: evaluated_before_3_10 = 2
x: int = 1
