# Set displays, set(), frozenset(), len, in, and CPython's iteration order for ints.
print({3, 1, 2}, {10, 20, 30, 40, 50, 60}, {100, 7, 64, 8, 0, -1})
print(set(), frozenset(), set([]), frozenset([3, 2, 1]), {1, 1, 1})
print(set([5, 3, 5, 1]), set((1, 2)), set(range(20)), set({1: 2, 3: 4}), set({7, 8}))
print(len({1, 2, 3}), len(set()), 2 in {1, 2}, 5 in {1, 2}, 5 not in {1, 2}, bool(set()), bool({0}))
s = {1, 2}
t = s
t.add(3)
print(s, s is t)
for x in {5, 4, 3}:
    print(x, end=" ")
print()
print({(1, 2), (3, 4), (1, 2)}, {0, 1.5, 2.25}, {-5, 5, -6, 6})
print({frozenset({1, 2}), frozenset({2, 1}), frozenset()}, {frozenset({1}), frozenset({2}), frozenset({1, 2})})
print(sorted({"b", "a", "c"}), len({"x", "x", "y"}), "x" in {"x"}, "" in {"a"})
# A big set, then many removals: the order stays CPython's.
big = set(range(100))
for i in range(0, 100, 3):
    big.discard(i)
print(len(big), list(big)[:10], sum(big))
grow = set()
for i in [64, 0, 32, 96, 16, 8, 128, 1]:
    grow.add(i)
    print(grow)
print(set(range(5, -5, -1)), frozenset(range(7)))
# A set from a frozenset and back, and copies, keep the order.
f = frozenset([9, 17, 25, 1, 33])
print(f, set(f), frozenset(set(f)), f.copy() is f, set(f).copy())
