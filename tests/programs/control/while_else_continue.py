n = 0
hits = []
while n < 6:
    n += 1
    if n % 2:
        continue
    hits.append(n)
else:
    hits.append("done")
print(hits)
outer = 0
for i in range(3):
    j = 0
    while j < 3:
        j += 1
        if j == 2:
            continue
        outer += j
    else:
        outer += 100
print(outer)
