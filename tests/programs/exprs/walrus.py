# Assignment expressions (:=): in conditions, loops, calls, and in comprehensions, where they bind in
# the enclosing function (or module), as PEP 572 says.
if (n := 10) > 5:
    print(n)
data = [3, 1, 4, 1, 5, 9, 2, 6]
i = 0
while (value := data[i]) != 9:
    i += 1
print(i, value)
print([y := 5, y * 2], y)


def f(xs):
    total = 0
    evens = [t for x in xs if (t := x * 2) > 4]
    return evens, t


print(f([1, 2, 3, 4]))
print([last := x for x in range(4)], last)


def g():
    counter = 0
    def bump():
        nonlocal counter
        return (counter := counter + 1)
    bump()
    return bump(), counter


print(g())
print((z := 3) + z, z)


def nested():
    found = [[(hit := a * b) for b in range(3)] for a in range(3)]
    return found, hit


print(nested())
