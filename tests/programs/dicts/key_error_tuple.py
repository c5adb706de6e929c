# A missing tuple key prints as the tuple.
d = {(1, 2): "x"}
print(d[(2, 1)])
