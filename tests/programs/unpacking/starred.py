# Starred targets and displays: a, *b, c = x; [*a, *b]; (*a, 1); {*a, *b}; {**d, 'k': 1}.
a, *b, c = range(6)
print(a, b, c)
*head, last = "hello"
print(head, last)
first, *rest = [1]
print(first, rest)
x, *y = (1, 2, 3)
print(x, y)
(p, *q), r = [1, 2, 3], 4
print(p, q, r)
for i, *others in [(1, 2, 3), (4,), (5, 6)]:
    print(i, others)
[m, *n] = {7: 0, 8: 0, 9: 0}
print(m, n)
l1, l2 = [1, 2], (3, 4)
print([*l1, *l2], [0, *l1, 5, *l2, 6], [*"ab"], [*range(3), *{}])
print((*l1, 1), (*l2,), (*l1, *l2))
print({*l1, *l2, 9}, {*(), *[]} == set())
d1 = {"a": 1, "b": 2}
print({**d1, "k": 1}, {"a": 0, **d1}, {**d1, "a": 9, **{"z": 0}}, {**{}})
t = *l1, *l2
print(t)
s = 1, *l1
print(s)


def f():
    head, *tail = [10, 20, 30]
    return head, tail, [*tail, *tail]


print(f())
print([[*row, 0] for row in [[1], [2, 3]]])
big = list(range(20))
u, v, *w, z = big
print(u, v, len(w), z)
