# lift-test: drivers=any
# Non-ASCII names are NFKC-normalised by CPython: the key in __annotations__ is normalised too.
ﬁle: int = 1
café: str = "x"
print(__annotations__, file, café)
