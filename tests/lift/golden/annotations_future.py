"""Docstring."""
from __future__ import annotations
count: int = 1
name: "typing.List[ int ]"
o.attr: never_evaluated = 2
