# lift-test: drivers=any
# Multi-line strings whose lines look like code; string content never changes.
doc = """
def not_code():
    pass
  odd indent
"""
raw = r"""back\slash
  \n stays"""
joined = ("first "
"second "
        "third")
fmt = f"""{doc!r:.10}
  {len(raw)}"""
b = b"""bytes
   here"""
def f():
    return """inside
a function"""
print(doc, raw, joined, fmt, b, f())
