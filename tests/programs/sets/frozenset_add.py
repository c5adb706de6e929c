# frozenset has no add.
f = frozenset({1})
f.add(2)
