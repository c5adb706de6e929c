if True:
	x = {2j}
