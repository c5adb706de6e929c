# 1, 1.0 and True are one key (equal, and equal hashes), as are 0, 0.0, -0.0 and False.
d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d, len(d))
print(d[1], d[1.0], d[True])
z = {0: "a", 0.0: "b", -0.0: "c", False: "d"}
print(z)
print({1.5: 1}[1.5], 2 ** 62 in {2 ** 62: 0}, -1 in {-1: 0}, -2 in {-1: 0})
print({-1: "a", -2: "b"})
big = {2 ** 61 - 1: "m", 2 ** 61: "n", -(2 ** 61): "o"}
print(big[2 ** 61 - 1], big[2 ** 61], big[-(2 ** 61)], len(big))
print({1e100: 1, 1e-100: 2, float("inf"): 3, -float("inf"): 4})
print(2.0 in {2: 0}, 3 in {3.0: 0}, True in {1.0: 0})
s = {1, 1.0, True}
print(s, len(s))
print({(1, 2), (1.0, 2.0)}, {(1, (2, 3)): 0}[(1.0, (2, 3.0))])
