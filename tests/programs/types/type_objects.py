# type(x) is a lookup; the builtin names of types are type objects.
print(type(1), type(True), type(1.5), type(None), type("a"))
print(type([]), type(()), type(range(1)), type(slice(1)), type(type))
print(type(print), type([].append), type(iter([])), type(iter(range(2))), type(iter([1, 2][:1])))
print(type(1) is int, type(True) is bool, type(True) is int, type("a") == str, type([]) != list)
print(int, str, object, type, bool, float, list, tuple, range, slice)
print(repr(int), str(list), [int, str], (type,))
print(int.__name__, type.__name__, type(len).__name__)

def f():
    return 0

print(type(f), type(f) is type(f))
t = type(3)
print(t("42") + 1, t is int)
