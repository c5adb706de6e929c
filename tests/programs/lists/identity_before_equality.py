# Containers compare their items by identity first, then ==, as CPython's PyObject_RichCompareBool:
# a nan is unequal to itself, yet found in a list that holds it.
n = float('nan')
print(n is n, n == n, n != n)
print([n] == [n], [n] != [n], (n,) == (n,), [[n]] == [[n]])
print(n in [n], n in (1, n), n not in [n])
print([n].count(n), [1, n, n].count(n), [1, 2, n].index(n))
print([n] < [n], [n] <= [n], [n, 1] < [n, 2])
