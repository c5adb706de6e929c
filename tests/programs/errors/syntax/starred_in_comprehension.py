a = [1]
print([*x for x in a])
