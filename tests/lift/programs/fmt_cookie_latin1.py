# -*- coding: latin-1 -*-
# lift-test: drivers=any
# A latin-1 file with a coding cookie: the output stays latin-1.
s = 'café £'
print(s, len(s), [hex(ord(c)) for c in s])
