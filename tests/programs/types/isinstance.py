# isinstance and issubclass follow the base chain: bool -> int -> object.
print(isinstance(1, int), isinstance(True, int), isinstance(True, bool), isinstance(1, bool))
print(isinstance(1.0, int), isinstance(1.0, float), isinstance("a", str), isinstance([], list))
print(isinstance(None, object), isinstance(int, type), isinstance(type, object), isinstance(type, type))
print(isinstance(1, (str, float)), isinstance(1, (str, (float, (int,)))), isinstance(1, ()))
print(issubclass(bool, int), issubclass(int, bool), issubclass(bool, object), issubclass(int, int))
print(issubclass(bool, (str, int)), issubclass(list, (tuple, (str,))), issubclass(type, object))
print(callable(int), callable(len), callable([].append), callable(1), callable("s"), callable(type))

def f():
    return 1

print(callable(f), isinstance(f, object), isinstance(range(3), range), isinstance(slice(1), slice))
a = object()
b = object()
print(a is b, a == b, a == a, a != b, type(a), isinstance(a, object), repr(a)[:19], hash(a) == hash(a), [a].count(a))
print(type(object), object.__name__, issubclass(object, object), issubclass(int, object), isinstance(1, object))
