a = [1, 2, 3, "x", None, [4]]
print(1 in a, 5 in a, "x" in a, None in a, [4] in a, 2.0 in a, 7 not in a)
t = (1, 2)
print(2 in t, 3 in t, 3 not in t)
print(1 in [True], 0 in [False])
