values = [3, 0]
f = lambda v: 1 / v
print(f(values[0]))
print(f(values[1]))
