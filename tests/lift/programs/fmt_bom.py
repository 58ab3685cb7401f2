# lift-test: drivers=any
# A UTF-8 BOM.
s = 'café'
print(s, len(s))
