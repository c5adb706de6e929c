# set | list is not supported (set.union(list) is).
print({1} | [2])
