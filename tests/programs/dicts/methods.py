# Every dict method.
d = {"a": 1, "b": 2}
print(d.get("a"), d.get("z"), d.get("z", "default"), d.get("a", "default"))
print(d.setdefault("a", 10), d.setdefault("c", 3), d.setdefault("n"), d)
print(d.pop("a"), d.pop("missing", "fallback"), d)
print(d.popitem(), d.popitem(), d)
d.update({"x": 1, "y": 2})
d.update([("z", 3), ["w", 4]])
d.update({})
print(d)
copy = d.copy()
copy["x"] = 100
print(d["x"], copy["x"], copy == d, copy is d)
print(d.fromkeys([1, 2, 3]), d.fromkeys("ab", 0), d.fromkeys(range(3), []))
d.clear()
print(d, len(d))
d["again"] = 1
print(d)
# popitem is LIFO, and the room it frees is reused.
stack = {}
for i in range(10):
    stack[i] = i * i
while stack:
    print(stack.popitem(), end=" ")
print()
for i in range(3):
    stack[i] = i
print(stack)
# dict() from mappings and iterables of pairs.
print(dict(), dict({1: 2}), dict([(1, 2), (3, 4)]), dict(((1, "a"), (1, "b"))))
# | and |= merge, the right side winning.
a = {1: "a", 2: "b"}
b = {2: "B", 3: "C"}
print(a | b, b | a, a, b)
a |= b
print(a)
a |= [(4, "D")]
print(a)
e = {}
e |= {}
print(e)
print(dict(["ab", "cd"]), dict({1: 2}.items()), dict(range(0)))
