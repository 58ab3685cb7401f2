for *[x], y in [(1, 2)]: pass
