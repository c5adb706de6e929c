# Keyword arguments bind to parameters by name; defaults fill the rest.
def f(a, b=2, c=3):
    return (a, b, c)

print(f(1), f(1, c=5), f(c=1, a=2), f(1, 2, c=9), f(b=7, a=0), f(a=1, b=2, c=3), f(c=0, b=1, a=2))

def g(x, y):
    return x - y

print(g(y=1, x=10), g(5, y=2))


def order(a, b):
    print("called with", a, b)
    return a

def show(v):
    print("evaluating", v)
    return v

order(b=show(1), a=show(2))
print(order(show(3), b=show(4)))

def rec(n, acc=0):
    if n == 0:
        return acc
    return rec(n - 1, acc=acc + n)

print(rec(100))

def many(a, b, c, d, e=5, f=6):
    return a + b * 10 + c * 100 + d * 1000 + e * 10000 + f * 100000

print(many(1, 2, 3, 4), many(f=1, e=2, d=3, c=4, b=5, a=6), many(0, 0, d=1, c=1))
func = f
print(func(a="x", c="z"))
print(max(f(1, c=-1)), list(map(f, [1, 2])))
