x = 1
print(*x)
f = lambda *: 1
