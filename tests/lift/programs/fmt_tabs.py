# lift-test: drivers=any
# Tab indentation (the wrapper then indents with a tab), tabs inside strings.
if True:
	x = 1
	if x:
		y = 'a\tb'
		s = '''
	indented
		more'''
for i in range(2):
	z = i
def f():
	return 'tab\there'
print(x, y, s, z, f())
