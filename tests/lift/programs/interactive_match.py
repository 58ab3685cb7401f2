# lift-test: drivers=any min=3.10
match [1, 2]:
    case [a, b]:
        a + b
    case _:
        "no"
