# lift-test: drivers=any min=3.10
# CPython 3.10 and 3.11.0-3.11.3 do not create __annotations__ for an annotation inside a match block
# (NameError when it runs); 3.11.4+ and 3.12+ do (gh-105164).
match 1:
    case 1:
        inside: int = 1
print(__annotations__)
