def check(n):
    if n > 2:
        raise ValueError("n too big: %d" % n)
    print(n)

for i in range(5):
    check(i)
