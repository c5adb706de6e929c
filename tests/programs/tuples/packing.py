t = 1, 2, 3
print(t, len(t), t[0], t[-1])
u = (1,)
print(u, (), (1, 2) + (3,), (0,) * 3)
a, b, c = t
print(a, b, c)
a, b = b, a
print(a, b)
x = y = z = 0
print(x, y, z)
(p, q), r = (1, 2), 3
print(p, q, r)
[s, v] = "ab"
print(s, v)
for i, (j, k) in [(1, (2, 3)), (4, (5, 6))]:
    print(i, j, k)
def pair():
    return 1, "one"
n, name = pair()
print(n, name, pair())
