# enumerate, zip, map, filter and reversed are lazy iterators of their own types.
def square(x):
    return x * x

def add(a, b):
    return a + b

def odd(x):
    return x % 2 == 1

print(list(enumerate("abc")), list(enumerate("ab", 10)), list(enumerate([1], start=-5)))
print(list(zip("abc", [1, 2])), list(zip()), list(zip("ab")), list(zip([1, 2], (3, 4), "xy")))
print(list(zip([1, 2], [3, 4], strict=True)), list(zip(strict=False)))
print(list(map(square, range(5))), list(map(add, [1, 2, 3], [10, 20])), list(map(str, [1, 2])))
print(list(filter(odd, range(10))), list(filter(None, [0, 1, "", "a", [], [0], None, 2.5])))
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("héllo")), list(reversed("")))
print(list(reversed(range(5))), list(reversed(range(10, 0, -3))), list(reversed(range(0))), list(reversed(range(1, 8, 2))))
e = enumerate("xy")
print(next(e), next(e), next(e, "end"), iter(e) is e)
m = map(square, [2, 3])
print(next(m), list(m), list(m))
for i, (a, b) in enumerate(zip("ab", "cd")):
    print(i, a, b)
it = iter([1, 2, 3])
print(next(it), list(it), next(it, None))
print(iter(it) is it, list(iter((4, 5))), list(iter("ab")), list(iter(range(3))))
r = reversed([1, 2, 3])
print(next(r), list(r))
print(type(enumerate([])), type(zip()), type(map(str, [])), type(filter(None, [])), type(reversed("a")))
print(repr(zip())[:17], repr(enumerate([]))[:23], repr(reversed([]))[:31], repr(reversed(()))[:20])
print(sum(map(square, range(100))), max(map(square, [-3, 2])), sorted(filter(odd, [5, 3, 1, 4])))
print(3 in map(square, [1, 2, 3]), 4 in map(square, [1, 2, 3]))
data = [1, 2, 3]
live = reversed(data)
data.pop()
print(list(live))
