for i in range(3):
    pass
else:
    print("for completed", i)
for i in range(3):
    if i == 1:
        break
else:
    print("not printed")
print("broke at", i)
n = 0
while n < 2:
    n += 1
else:
    print("while completed", n)
while True:
    break
else:
    print("not printed")
for p in range(2, 20):
    for d in range(2, p):
        if p % d == 0:
            break
    else:
        print(p, end=" ")
print()
