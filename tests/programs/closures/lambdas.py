# lambda: defaults, closures, immediately called, sorting keys, nested lambdas.
square = lambda x: x * x
print(square(9))
print((lambda a, b=10: a + b)(1), (lambda a, b=10: a + b)(1, 2))
print((lambda: "no params")())
add = lambda x: lambda y: x + y
print(add(2)(3))
pairs = [(1, "one"), (3, "three"), (2, "two")]
print(sorted(pairs, key=lambda p: p[1]))
print(sorted(pairs, key=lambda p: -p[0]))
print(list(map(lambda v: v * 2, range(5))))
print(list(filter(lambda v: v % 3 == 0, range(10))))


def make(n):
    return lambda k=2: n ** k


print(make(3)(), make(3)(3))
cond = lambda v: "big" if v > 10 else "small"
print(cond(5), cond(50))
print(repr(square)[:18])
