# Generators with closures, nonlocal, *args/**kwargs and keyword-only parameters, lambda generators,
# genexpr pipelines, an endless generator, closures made in a generator, finally on close().
def counter(start):
    step = 2
    def gen(n, *rest, scale=1, **kw):
        nonlocal step
        for i in range(n):
            yield (start + i * step) * scale
            step += 1
        yield rest, kw
    return gen
g = counter(10)
print(list(g(3, 7, 8, scale=2, tag="t")))
print(list(g(2)))
lam = lambda: (yield 5)
it = lam()
print(next(it))
def pipeline(data):
    evens = (x for x in data if x % 2 == 0)
    squares = (x * x for x in evens)
    return sum(squares)
print(pipeline(range(100)))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def gen_closures():
    fs = [lambda: i for i in range(3)]
    for f in fs:
        yield f()
print(list(gen_closures()))
def tryg():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
t = tryg()
print(next(t))
t.close()
print(sum(1 for _ in range(1000)), min(x for x in [3, 1, 2]))
