# A dict growing past a million entries, then shrinking; the loops allocate nothing (int keys), so the
# collector runs only when the table grows, even under CPVM_GC_STRESS.
d = {}
n = 1100000
i = 0
while i < n:
    d[i] = i * 2
    i += 1
print(len(d), d[0], d[n - 1], d[n // 2], n in d, -1 in d)
total = 0
for key in d:
    total += key
print(total)
i = 0
while i < n:
    if i % 3:
        d.pop(i)
    i += 1
print(len(d), d[3], 4 in d, list(d)[:5])
d = None
s = set(range(1000000))
print(len(s), 999999 in s, 1000000 in s)
