def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6))
print(f(*[1, 2, 3], **{'c': 9, 'z': 1}))
def p(a, b, /, c=3):
    return a, b, c
print(p(1, 2), p(1, 2, c=4), p(*"xy"))
def kw(**k): return sorted(k.items())
print(kw(a=1, **{'b': 2}, c=3))
print(max(*[3, 9, 2]), max([1, 5], key=lambda v: -v), print(*"abc", sep="-"))
args = (1, 2)
print(divmod(*args), "{}-{}".format(*args), dict(**{'x': 1}, y=2))
def star_only(*a): return a
print(star_only(), star_only(1), star_only(*range(3), 9, *"ab"))
g = lambda *a, **k: (a, k)
print(g(1, x=2))
def outer():
    def inner(x, *, y=5):
        return x * y
    return inner
print(outer()(2), outer()(2, y=3))
def rec(n, *acc):
    return acc if n == 0 else rec(n - 1, n, *acc)
print(rec(5))
for i in range(300):
    r = f(i, c=i)
print(r)
m = [1, 2]
m.extend(*[[3, 4]])
print(m, "a b".split(*[" "]))
