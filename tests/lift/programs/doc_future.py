# lift-test: drivers=any modes=exec,last-expr
"""The module docstring stays at module level."""
from __future__ import annotations, division
from __future__ import generator_stop
ratio = 7 / 2


def f(x: SomeType) -> Other:
    return x


print(__doc__, ratio, f.__annotations__)
