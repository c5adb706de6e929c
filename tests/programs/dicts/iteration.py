# Iteration order after deletes and re-inserts, and views after changes.
d = {}
for i in range(10):
    d[i] = i
for i in range(0, 10, 2):
    d.pop(i)
print(d)
d[0] = "back"
d[4] = "back"
print(d, list(d))
# A removed key that comes back goes to the end.
e = {"a": 1, "b": 2, "c": 3}
e.pop("a")
e["a"] = 1
print(e)
# Many deletes and inserts: the dict stays ordered and compact.
f = {}
for round in range(50):
    for i in range(100):
        f[(round, i)] = i
    for i in range(100):
        if i % 10 != 0:
            f.pop((round, i))
print(len(f), list(f)[:3], list(f)[-2:])
# Changing values while iterating is allowed (the size does not change).
g = {1: 1, 2: 2, 3: 3}
for key in g:
    g[key] = g[key] * 10
print(g)
# Looping over a view twice walks it twice.
view = {1: 2, 3: 4}.items()
print(list(view), list(view))
