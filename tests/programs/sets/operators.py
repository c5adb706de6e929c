# | & - ^ and their in-place forms; comparisons are subset tests.
a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a & b, a - b, b - a, a ^ b)
print(frozenset(a) | b, a | frozenset(b), frozenset(a) & frozenset(b), frozenset(a) - b, a ^ frozenset(b))
c = set(a)
c |= {9}
print(c)
c &= {1, 2, 9, 10}
print(c)
c -= {2}
print(c)
c ^= {1, 100}
print(c)
alias = c
alias |= {7}
print(c is alias, c)
f = frozenset({1})
g = f
f |= {2}
print(f, g, f is g)
print(a == a, a == set(a), a == frozenset(a), frozenset(a) == a, a != b, set() == frozenset(), {1} == [1])
print({1} < {1, 2}, {1, 2} < {1, 2}, {1, 2} <= {1, 2}, {1, 2} > {1}, {1, 2} >= {1, 2}, {1, 3} >= {1, 2})
print(set() < {1}, set() <= set(), frozenset({1}) < {1, 2}, {1, 2} > frozenset({2}))
print({1, 2} | set(), set() & {1}, set() - {1}, {1} ^ set(), a - a, a ^ a, a & a, a | a)
print(frozenset() | frozenset(), {1} ^ {1}, {1.0} | {1}, {1} | {1.0}, {True} & {1.0})
