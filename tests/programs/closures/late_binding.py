# Closures made in a loop see the variable's last value; a default argument captures the current one.
fs = []
for i in range(4):
    fs.append(lambda: i)
print([f() for f in fs])


def in_function():
    out = []
    for j in range(3):
        def show():
            return j
        out.append(show)
    return [f() for f in out]


print(in_function())


def with_default():
    out = []
    for k in range(3):
        out.append(lambda k=k: k * 10)
    return [f() for f in out]


print(with_default())


def comprehension_closures():
    return [g() for g in [lambda: n for n in range(3)]]


print(comprehension_closures())


def factory():
    return [lambda x, m=m: x * m for m in range(1, 4)]


print([f(10) for f in factory()])
