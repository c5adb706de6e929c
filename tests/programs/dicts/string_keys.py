# A dict of str keys made at run time: equal strs are one key, whatever object holds them.
words = {}
for j in range(20000):
    words["w" + str(j % 5000)] = j
print(len(words), words["w0"], words["w4999"], "w5000" in words)
d = {}
d["ab"] = 1
d["a" + "b"] = 2
print(d, len({"x" * 3: 1, "xxx": 2}))
