# A dict that contains itself prints {...}; nested reprs use each value's repr.
d = {}
d["self"] = d
print(d)
a = {"b": None}
b = {"a": a}
a["b"] = b
print(a, b)
l = [1]
m = {"l": l}
l.append(m)
print(m, l)
print({"s": "it's", 'q': '"', 1.5: -0.0, None: True, (1,): ()})
print(str({1: "x"}), repr({"k": ["v"]}))
v = {1: 2}
v[2] = v.values()
print(v)
