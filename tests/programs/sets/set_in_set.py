# A set is not hashable, so a set cannot contain a set.
s = set()
s.add({1})
