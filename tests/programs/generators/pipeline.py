# Infinite generators, pipelines of 100 generators, recursion of generators to the limit, abandoned ones.
def naturals():
    n = 0
    while True:
        yield n
        n += 1

for n in naturals():
    if n * n > 50:
        break
print("first square over 50:", n * n)

def take(k, it):
    for x in it:
        if k <= 0:
            return
        k -= 1
        yield x

def add_one(it):
    for x in it:
        yield x + 1

stream = take(5, naturals())
for _ in range(100):
    stream = add_one(stream)
print(list(stream))

# a pipeline through yield from
def relay(it):
    yield from it

chain = take(3, naturals())
for _ in range(100):
    chain = relay(chain)
print(list(chain))

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

print(list(take(15, fib())))
f = fib()
for _ in range(300):
    last = next(f)
print(last)

# generators recursing without bound: RecursionError, and the program goes on
def deep(n):
    yield n
    yield from deep(n + 1)

try:
    for x in deep(0):
        pass
except RecursionError as err:
    print("RecursionError:", err)

def deep_next(n):
    yield next(deep_next(n + 1))

try:
    next(deep_next(0))
except RecursionError as err:
    print("RecursionError:", err)

# many generators abandoned half-way: each holds a list; the collector must free them
total = 0
for i in range(20000):
    g = add_one(iter([i] * 50))
    total += next(g)
print(total)

# sum over a long generator (both tiers: hot enough to be compiled)
def squares(n):
    for i in range(n):
        yield i * i

print(sum(squares(100000)))
