for x in [1, "a", None]:
    print(x)
for ch in "héy":
    print(ch)
for item in (3, 4):
    print(item)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for a, b in ["xy", "zw"]:
    print(b, a)
empty = []
for e in empty:
    print("never")
total = 0
for row in [[1, 2], [3, 4]]:
    for v in row:
        total += v
print(total)
