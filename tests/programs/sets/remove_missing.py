# set.remove of a missing element raises KeyError(element).
s = {1, 2}
s.remove(1)
s.remove((1, 2))
