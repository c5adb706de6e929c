# Set orders that depend on the hash: tuples and frozensets hash exactly as in CPython.
print({(1, 2), (2, 1), (0, 0), (5, 9), (-1, -1)})
print({frozenset(), frozenset({0}), frozenset({1}), frozenset({0, 1}), frozenset({2, 3, 4})})
print({frozenset({frozenset({1})}), frozenset({frozenset()}), frozenset({(1, 2)})})
print({1.5, 2.5, 0.5, 100.25, -3.75})
print({2 ** 40, 2 ** 50, 2 ** 61 - 1, 2 ** 62, -(2 ** 62)})
d = {}
for f in [frozenset({1, 2}), frozenset({2, 3}), frozenset({1, 2, 3})]:
    d[f] = len(f)
print(d[frozenset([2, 1])], d[frozenset({3, 2, 1})], frozenset({1, 2}) in d)
