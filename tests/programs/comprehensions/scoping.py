# CPython 3.11 scoping: the iteration variable does not leak; the first iterable is evaluated in the
# enclosing scope; closures inside comprehensions capture each comprehension's own variables.
x = "outer"
print([x for x in range(3)], x)


def f():
    y = "local"
    squares = [y * 2 for y in range(3)]
    return squares, y


print(f())


def first_iterable_outside():
    n = 3
    return [n * i for i in range(n)]


print(first_iterable_outside())


def closures_in_comprehension():
    fs = [lambda: i for i in range(3)]
    gs = [(lambda i=i: i) for i in range(3)]
    return [f() for f in fs], [g() for g in gs]


print(closures_in_comprehension())


def uses_enclosing():
    base = 10
    offsets = [1, 2, 3]
    return [base + o for o in offsets], {o: base for o in offsets}


print(uses_enclosing())


def nested_capture():
    k = 2
    return [[k * a + b for b in range(2)] for a in range(3)]


print(nested_capture())


def counter_in_comprehension():
    total = 0
    def add(v):
        nonlocal total
        total += v
        return total
    seen = [add(v) for v in range(5)]
    return seen, total


print(counter_in_comprehension())

items = [3, 1, 2]
print(sorted([i for i in items]), [items.index(i) for i in items])
i = 100
print([i for i in range(2)], i)
print({j: [j * m for m in range(j)] for j in range(4)})


def shadow(v):
    return [v for v in v]


print(shadow("abc"))


def hot():
    total = 0
    for n in range(300):
        total += sum([k * n for k in range(10) if k % 2])
    return total


print(hot())
