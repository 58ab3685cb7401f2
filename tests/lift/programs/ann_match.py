# lift-test: drivers=any min=3.10
# CPython 3.10 does not create __annotations__ for an annotation inside a match block
# (NameError when it runs); 3.11+ does.
match 1:
    case 1:
        inside: int = 1
print(__annotations__)
