# in with an unhashable key raises too.
print([1] in {1: 2})
