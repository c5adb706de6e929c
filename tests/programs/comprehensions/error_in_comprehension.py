values = [2, 1, 0]
print([10 // v for v in values[:2]])
print([10 // v for v in values])
