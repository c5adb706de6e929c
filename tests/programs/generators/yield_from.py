# yield from: delegation, the sub-generator's return value, send/throw/close forwarded.
def inner():
    a = yield 1
    b = yield 2
    return a + b

def outer():
    r = yield from inner()
    print("inner returned", r)
    yield from [10, 20]
    yield from range(2)
    yield from "hi"
    v = yield from []
    print("empty yield from:", v)
    return r

o = outer()
print(next(o), o.send(3), o.send(4), next(o), next(o), next(o), next(o), next(o))
try:
    next(o)
except StopIteration as s:
    print("outer returned", s.value)

# nested delegation three deep
def leaf(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("leaf got", got)
    return "leaf%d" % n

def middle():
    x = yield from leaf(2)
    y = yield from leaf(1)
    return x + "+" + y

def top():
    result = yield from middle()
    yield result

t = top()
print(next(t))
print(t.send("s1"))
print(t.send("s2"))
print(next(t))
print(list(t))

# throw() goes to the innermost generator
def sub_catch():
    while True:
        try:
            yield "sub"
        except KeyError as err:
            print("sub caught", err)
            yield "sub recovered"

def delegator():
    try:
        yield from sub_catch()
    except ValueError as err:
        print("delegator caught", err)
        yield "delegator recovered"

d = delegator()
print(next(d))
print(d.throw(KeyError("k1")))
print(next(d))
print(d.throw(ValueError("v1")))
print(list(d))

# the sub-generator returns in response to a throw: the yield from ends with its value
def sub_returns():
    try:
        yield 1
    except KeyError:
        return "sub done"

def delegator2():
    r = yield from sub_returns()
    print("got", r)
    yield "after"

d2 = delegator2()
print(next(d2))
print(d2.throw(KeyError))
print(list(d2))

# close() closes the sub-generator first
def sub_fin():
    try:
        yield 1
        yield 2
    finally:
        print("sub finally")

def outer_fin():
    try:
        yield from sub_fin()
    finally:
        print("outer finally")

of = outer_fin()
print(next(of))
of.close()
print(list(of))

# throw into a yield from over a plain iterator: raised in the delegating generator
def over_list():
    try:
        yield from [1, 2, 3]
    except ValueError:
        yield "caught in delegator"

ol = over_list()
print(next(ol))
print(ol.throw(ValueError))
print(list(ol))

# send() into a yield from over a list iterator
def over_list2():
    yield from [1, 2]

ol2 = over_list2()
next(ol2)
try:
    ol2.send(5)
except AttributeError as err:
    print("AttributeError:", err)

# yield from a generator object already partly consumed
def numbers():
    yield 1
    yield 2
    yield 3

partial = numbers()
next(partial)
def rest():
    yield from partial
print(list(rest()))

# StopIteration raised in the sub-generator becomes RuntimeError there
def bad_sub():
    yield 1
    raise StopIteration

def wraps_bad():
    try:
        yield from bad_sub()
    except RuntimeError as err:
        yield "outer saw: " + str(err)

print(list(wraps_bad()))

# recursive delegation: a tree walk
def walk(tree):
    if isinstance(tree, list):
        for child in tree:
            yield from walk(child)
    else:
        yield tree

print(list(walk([1, [2, [3, [4, 5]], 6], [[7]], 8])))

# the value of yield from used in an expression
def adder():
    total = (yield from inner()) * 10
    return total

ad = adder()
next(ad)
ad.send(1)
try:
    ad.send(2)
except StopIteration as s:
    print("adder", s.value)
