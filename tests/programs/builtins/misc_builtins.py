# id, hash, slice, iter and next.
a = [1]
b = [1]
print(id(a) == id(a), id(a) == id(b), id(None) == id(None), isinstance(id(a), int))
print(hash(1), hash(-1), hash(True), hash(1.0) == hash(1), hash((1, 2)), hash(()), hash(2.5))
print(hash("abc") == hash("a" + "bc"), hash(None) == hash(None))
print(slice(3), slice(1, 4), slice(1, 10, 2), slice(None), slice("a", "b"))
s = slice(1, 5, 2)
print([0, 1, 2, 3, 4, 5, 6][s], "abcdefg"[slice(2)], (1, 2, 3)[slice(None, None, -1)])
it = iter([10, 20])
print(next(it), next(it), next(it, "default"), next(it, None))
print(abs(-3), len("abc"), repr("x"), str(5), int("7"), float("2.5"), bool([]), list("ab"), tuple([1]))
