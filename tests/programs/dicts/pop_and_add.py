# Popping the last entry and adding another, again and again: the dict's room is reclaimed, so this
# neither grows without end nor runs out of free index slots.
d = {"keep": 0}
for i in range(200000):
    d[i] = i
    d.popitem()
print(d, len(d))
e = {}
for i in range(100000):
    e[i] = i
    e.pop(i)
    e[-i] = i
    e.pop(-i)
print(e, len(e))
