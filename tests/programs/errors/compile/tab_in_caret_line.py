if True:
	x = {**{}}
