# lift-test: drivers=any
# An error directly at module level: the lifted frame is line_offset lines further down.
x = 1
y = [
    x,
    x + undefined_at_top,
]
