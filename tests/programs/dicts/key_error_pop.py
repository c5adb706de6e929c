# pop without a default raises KeyError(key).
d = {1: 2}
d.pop(1)
d.pop(1)
