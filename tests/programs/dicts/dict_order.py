# Dicts are not ordered by <.
print({1: 2} < {1: 3})
