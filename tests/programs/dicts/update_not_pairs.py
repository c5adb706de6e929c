# An element of dict(iterable) that is not a pair.
print(dict([(1, 2), (3, 4, 5)]))
