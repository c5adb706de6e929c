# Removing a key while iterating over a view.
d = {1: 1, 2: 2, 3: 3}
for k in d.keys():
    print(k)
    d.pop(3)
