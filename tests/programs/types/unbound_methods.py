# A type's methods are reachable through the type: list.append(l, x) is l.append(x).
l = [3, 1, 2]
list.append(l, 4)
print(l, list.index(l, 1), list.count(l, 3))
list.sort(l)
print(l)
list.sort(l, reverse=True)
print(l)
print(tuple.index((5, 6, 7), 7), tuple.count((1, 1, 2), 1))
ap = list.append
ap(l, 0)
print(l)
print(list.append, tuple.count)
print(list.pop(l), l)
