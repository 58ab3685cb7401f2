# lift-test: drivers=any
# No newline at the end of the file.
def f():
    return 1
result = f()
result