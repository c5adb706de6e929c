# Generator functions: next(), for, list(), sum(), return values, a finished generator stays finished.
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

g = count(3)
print(type(g), type(g).__name__)
text = repr(g)
print(text.startswith("<generator object count at 0x"), text.endswith(">"))
print(next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop:", repr(e.value), e.args)
# finished stays finished
try:
    next(g)
except StopIteration as e:
    print("again:", repr(e.value), e.args)
print(next(g, "default"))
print(list(g))

print(list(count(5)), sum(count(10)), tuple(count(3)))
for x in count(4):
    print(x, end=" ")
print()

def empty():
    return
    yield

print(list(empty()))
try:
    next(empty())
except StopIteration as e:
    print("empty:", e.value, e.args)

def returns_none():
    yield 1
    return None

r = returns_none()
next(r)
try:
    next(r)
except StopIteration as e:
    print("None return:", e.value, e.args, str(e) == "")

def returns_tuple():
    yield 1
    return (1, 2)

r = returns_tuple()
next(r)
try:
    next(r)
except StopIteration as e:
    print("tuple return:", e.value, e.args)

# arguments, defaults, keywords bound at the call; nothing runs until next()
def trace(label, times=2):
    print("start", label)
    for k in range(times):
        yield label + str(k)
    print("end", label)

t = trace("a")
print("created")
print(list(t))
print(list(trace(times=1, label="kw")))
try:
    trace()
except TypeError as e:
    print(e)

# locals survive across yields, including the loop iterator on the stack
def pairs(items):
    prev = None
    for item in items:
        if prev is not None:
            yield prev, item
        prev = item

print(list(pairs([1, 2, 3, 4])))
print(list(pairs("abc")))

# two independent generators of one function
a = count(3)
b = count(3)
print(next(a), next(a), next(b), next(a), next(b))

# yield in nested loops and conditions
def grid(n):
    for i in range(n):
        for j in range(n):
            if (i + j) % 2 == 0:
                yield i * 10 + j

print(list(grid(4)))

# yield as an expression in various places
def exprs():
    x = yield 1
    print("x =", x)
    y = (yield 2) + 10
    print("y =", y)
    total = 0
    total += yield 3
    print("total =", total)
    print("in call:", str((yield 4)))
    yield

e = exprs()
print(next(e))
print(e.send("sx"))
print(e.send(5))
print(e.send(7))
print(e.send("arg"))
print(list(e))
