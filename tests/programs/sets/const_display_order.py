# Displays of 3 or more constants: CPython folds them into a frozenset constant (built twice), then
# merges it into a new set; the order that leaves is the one printed.
print({(1, 2), (2, 1), (-1, -1)})
print({(1, 2), (2, 1), (-1, -1), (0, 0), (5, 9)})
print({10, 20, 30, 40, 50, 60}, {100, 7, 64, 8, 0, -1})
print({1.5, 2.5, 0.5, 100.25, -3.75}, {(3,), (11,), (19,), (27,)})
print({2 ** 40, 2 ** 50, 2 ** 61 - 1, 2 ** 62, -(2 ** 62)})
print({-8, -16, 8, 16, 24, 0, 1}, {(1, 2, 3), (3, 2, 1), (2, 1, 3), (1, 3, 2)})
print({frozenset(), frozenset({0}), frozenset({1}), frozenset({0, 1}), frozenset({2, 3, 4})})
print({33, 1, 17, 9, 25, 41, 49, 57, 65, 73})
