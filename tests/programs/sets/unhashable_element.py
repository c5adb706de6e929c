# A set cannot hold a list.
print({1, [2]})
