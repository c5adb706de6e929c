# Dict displays, subscripts, len, in, equality and insertion order.
empty = {}
print(empty, len(empty), bool(empty), bool({0: 0}))
d = {"one": 1, "two": 2, "three": 3}
print(d, len(d), d["two"])
d["four"] = 4
d["one"] = 100  # replacing a value keeps the key's position
print(d)
print("one" in d, "five" in d, "five" not in d, 1 in d)
# Later equal keys in a display keep the first key and the last value.
print({"a": 1, "b": 2, "a": 3})
# Any hashable key: ints, floats, None, bools, tuples, frozensets, strs.
k = {None: "none", (1, 2): "pair", 2.5: "float", frozenset({1}): "frozen", "": "empty"}
print(k[None], k[(1, 2)], k[2.5], k[frozenset({1})], k[""])
print(k)
# Equality ignores order, compares values, and nests.
print({1: 2, 3: 4} == {3: 4, 1: 2}, {1: 2} == {1: 3}, {1: 2} != {1: 2}, {} == {})
print({1: [1, {2: 3}]} == {1: [1, {2: 3}]}, {1: 2} == [1], {1: 2} == {1: 2, 3: 4})
# Values may be anything, containers included.
nested = {"list": [1, 2], "dict": {"x": {"y": 1}}, "tuple": (1,)}
nested["list"].append(3)
nested["dict"]["x"]["z"] = 2
print(nested)
# Aliasing: two names, one dict.
alias = d
alias["five"] = 5
print(len(d), d is alias)
# Truthiness drives if and while.
todo = {1: "a"}
if todo:
    print("non-empty is true")
if not {}:
    print("empty is false")
# Iteration follows insertion order.
for key in {"z": 1, "y": 2, "x": 3}:
    print(key, end=" ")
print()
# A dict as a counter.
counts = {}
for word in ["the", "cat", "and", "the", "hat", "and", "the", "bat"]:
    counts[word] = counts.get(word, 0) + 1
print(counts)
