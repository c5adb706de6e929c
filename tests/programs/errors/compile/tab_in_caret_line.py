if True:
	x = {}
