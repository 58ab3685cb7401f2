# lift-test: drivers=any
# CRLF line endings, also inside a multi-line string.
text = """line one
  line two
"""
if text:
    n = len(text)
def g():
    return 1 / 0
print(repr(text), n)
g()
