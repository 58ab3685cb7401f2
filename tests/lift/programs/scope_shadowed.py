# lift-test: drivers=any
# When the source rebinds locals/eval/dir, calls to them are its own functions.
def locals():
    return "my locals"


def dir():
    return "my dir"


eval = lambda s: "my eval " + s
print(locals(), dir(), eval("x"))
vars()["via_vars"] = 1
print(via_vars)
