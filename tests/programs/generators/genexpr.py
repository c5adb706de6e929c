# Generator expressions: (elt for ...) as a <genexpr> generator function with its own scope, as the sole
# argument of a call without its own brackets, consumed by builtins, nested, closing over locals.
print(sum(x * x for x in range(10)))
g = (c.upper() for c in "abc" if c != "b")
print(g.__class__ if False else type(g).__name__, next(g), list(g))
print(max(len(w) for w in ["a", "abcd", "ab"]), "-".join(str(i) for i in range(5)))
print(list((x, y) for x in range(3) for y in range(x)))
def outer(n):
    k = 10
    return list(i + k for i in range(n))
print(outer(3))
print(any(v > 3 for v in [1, 5]), all(v > 3 for v in [1, 5]), sorted((x % 3 for x in range(9)), reverse=True))
gen = (x for x in [1, 2])
print(repr(gen).startswith("<generator object <genexpr> at"))
print(dict((k, v) for k, v in zip("ab", [1, 2])), set(x % 2 for x in range(5)), tuple(x for x in "hi"))
try:
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print("zde", e)
x = 5
print([y for y in (x * i for i in range(3))])
print(sum(x for x in range(3)), x)
