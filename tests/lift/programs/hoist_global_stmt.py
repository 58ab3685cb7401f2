# lift-test: drivers=any
# `global` at module level is legal and redundant; functions that assign globals.
global declared
declared = "set at top"
global another


def setter():
    global made_by_function
    made_by_function = "from a function"


setter()
print(declared, made_by_function, "another" in globals())
another = 1
