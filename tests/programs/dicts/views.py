# keys(), values(), items(): live views, set-like for keys and items.
d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i)
print(len(k), len(v), len(i), "a" in k, 2 in v, ("a", 1) in i, ("a", 2) in i, "a" in i, ("a",) in i)
d["d"] = 4
print(k, v, i)  # they see the change
print(list(k), list(v), list(i))
for key, value in d.items():
    print(key, value, end="; ")
print()
print(bool({}.keys()), bool(k), bool({}.values()), bool({}.items()))
# Equality with sets and other views.
print({1: 2}.keys() == {1}, {1: 2}.keys() == {1: 3}.keys(), {1: 2}.items() == {(1, 2)})
print({1: 2}.keys() == [1], {1: 2}.values() == {1: 2}.values(), {1: 2}.items() == {1: 2}.items())
print({1} == {1: 2}.keys(), frozenset({1}) == {1: 0}.keys(), {1: 2}.keys() != {2})
# Set operations on views give sets.
ka = {1: 0, 2: 0, 3: 0}.keys()
kb = {2: 0, 3: 0, 4: 0}.keys()
print(ka & kb, ka | kb, ka - kb, ka ^ kb)
print(ka & [1, 5], ka | [9], ka - [1], ka ^ [1, 9])
print([1, 5] & ka, [9] | ka, [1, 9] - ka, (1, 9) ^ ka, {1, 7} & ka, {7} | ka)
print({1: 10}.items() | {(2, 20)}, {1: 10, 2: 20}.items() & {(1, 10)})
# Comparisons are subset tests.
print(ka <= {1, 2, 3, 4}, ka < ka, ka <= ka, ka >= {1}, ka > {1, 2, 3}, {1, 2} < ka)
# Views nested in containers print too.
print([d.keys()], (d.values(),))
