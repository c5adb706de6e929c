# The keyword arguments CPython's builtins accept.
def neg(x):
    return -x

def second(pair):
    return pair[1]

print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted("bca", key=None), sorted([3, 1, 2], key=neg))
pairs = [("a", 2), ("b", 1), ("c", 2), ("d", 1), ("e", 0)]
print(sorted(pairs, key=second), sorted(pairs, key=second, reverse=True))
print(min([3, 1, 2], key=neg), max([3, 1, 2], key=neg), min(3, 1, 2, key=neg), max("ab", "c", key=len))
print(min([], default="none"), max([], default=None), max([7], default=0), min((), key=neg, default=-1))
print(max([1, 3, 3, 2], key=neg), max([(1, "a"), (1, "b")], key=second), min([(1, "a"), (1, "b")], key=second))
print(max(pairs, key=second), min(pairs, key=second))
print(sum([1, 2, 3], start=10), sum([0.5, 0.25], start=1), sum([[1], [2]], start=[0]), sum(range(4), 100))
print(list(enumerate("ab", start=1)), list(zip("ab", "cd", strict=True)))
print(1, 2, 3, sep=", ", end=" .\n")
print("a", "b", sep="")
print("no newline", end="")
print()
print("x", "y", sep=None, end=None)
print("flushed", flush=True)
a = [5, 2, 9, 1]
a.sort(key=neg)
print(a)
a.sort(key=None, reverse=False)
print(a)
a.sort(reverse=1)
print(a)
