# Same size, different keys: CPython says the keys changed.
d = {1: 1, 2: 2}
n = 0
for k in d:
    d.pop(k)
    d[k + 100] = k
    n += 1
print(n)
