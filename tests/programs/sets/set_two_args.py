# set() takes at most one argument.
print(set([1], [2]))
