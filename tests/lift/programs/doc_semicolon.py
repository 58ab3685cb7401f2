# lift-test: drivers=any
"""Docstring, then code on the same line."""; first = __doc__
second = "line 2"
print(first, second)
first
