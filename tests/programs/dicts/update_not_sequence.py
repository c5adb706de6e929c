# An element that is not iterable at all.
print(dict([1, 2]))
