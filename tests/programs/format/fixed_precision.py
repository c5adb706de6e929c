# format(v, ".Nf") over thousands of values and every precision 0-9, positive and negative: the fast path
# that formats without printf must agree with correct rounding (CPython) everywhere, ties included.
vals = [0.0, 0.001, 0.005, 0.015, 0.025, 0.125, 0.375, 1.005, 2.675, 1234.5678, 0.049999, 999999999.99, 123456.785, 1e-10, 5e-324, 0.5, 1.5, 2.5, 99.995, 0.1, 0.7, 1/3, 2/3, 12345678.901234]
i = 0
while i < 150:
    vals.append(i / 7)
    vals.append(i * 1.001)
    vals.append(i / 1000)
    i = i + 1
out = []
for v in vals:
    for p in range(10):
        out.append(format(v, "." + str(p) + "f"))
        out.append(format(-v, "." + str(p) + "f"))
print(len(out))
h = 0
for s in out:
    for ch in s:
        h = (h * 31 + ord(ch)) % 1000000007
print(h)
print(out[:60])
