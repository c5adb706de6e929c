# Generators wherever builtins take iterables.
def gen(n):
    for i in range(n):
        yield i

g = gen(3)
print(iter(g) is g)
print(list(zip(gen(3), gen(5), "abc")))
print(list(map(str, gen(4))))
print(list(enumerate(gen(3), start=1)))
print(list(filter(None, gen(5))))
print(sorted(gen(5), reverse=True))
print(min(gen(5)), max(gen(5)), min(gen(0), default="none"))
print(any(gen(3)), all(gen(3)), any(gen(0)), all(gen(0)))
print(2 in gen(5), 7 in gen(5))
g = gen(10)
print(3 in g, next(g))   # `in` consumes up to the match
a, b = gen(2)
print(a, b)
try:
    a, b = gen(3)
except ValueError as err:
    print("ValueError:", err)
try:
    a, b, c = gen(2)
except ValueError as err:
    print("ValueError:", err)

def pairs():
    yield "a", 1
    yield "b", 2

print(dict(pairs()))
print("-".join(map(str, gen(4))))

def words():
    yield "x"
    yield "y"
print(", ".join(words()))
print(set(gen(4)), tuple(gen(2)), frozenset(gen(2)))
print(sum(gen(5), 100))
l = [9]
l.extend(gen(3))
print(l)
print(list(reversed(list(gen(3)))))
print(next(iter(gen(2))))
d = {}
print(d.fromkeys(gen(2)))
print(sorted(gen(4), key=abs))

# a generator that raises inside a builtin's loop
def fails_at(n):
    for i in range(n):
        yield i
    raise KeyError("from generator")

for consumer in [list, sum, sorted, tuple, set, max]:
    try:
        consumer(fails_at(3))
    except KeyError as err:
        print("caught", err)
