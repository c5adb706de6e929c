def f(x):
	if x:
		return "tab"
	return "no"
print(f(1), f(0))
