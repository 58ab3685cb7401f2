if True:
	if True:
		x = """keep
	tabs"""
y = 1
