# errors raised inside builtins, and exceptions escaping a function a builtin called
for s in ["12", "x", "3.5", ""]:
    try:
        print(int(s))
    except ValueError as e:
        print("ValueError:", e)

def key(v):
    if v == 3:
        raise KeyError(v)
    return -v

try:
    sorted([1, 2, 3, 4], key=key)
except KeyError as e:
    print("from sorted:", repr(e))

def mapper(v):
    return 10 // v

try:
    print(list(map(mapper, [1, 2, 0, 5])))
except ZeroDivisionError as e:
    print("from map:", e)

d = {"a": 1}
for k in ["a", "b"]:
    try:
        print(d[k])
    except KeyError as e:
        print("missing", e)

try:
    [].pop()
except IndexError as e:
    print(e)
try:
    "abc".index("z")
except ValueError as e:
    print(e)
try:
    None + 1
except TypeError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, isinstance(e, ValueError))
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration", repr(e))
total = 0
for i in range(1000):
    try:
        total += 100 // (i % 7)
    except ZeroDivisionError:
        total -= 1
print(total)
