s = """
not indented
    def f():
"""
t = ("a"
"b"
  "c")
u = 1 + \
2
v = f"""{s
}"""
