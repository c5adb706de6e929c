# popitem on an empty dict.
d = {1: 2}
print(d.popitem())
d.popitem()
