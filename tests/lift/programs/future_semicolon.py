# lift-test: drivers=any
from __future__ import annotations; import sys; value: list[int] = [1]
print(__annotations__, value, "sys" in globals())
