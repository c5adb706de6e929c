def f(a, b=2):
    return a
print(f(1, 2))
f(1, 2, 3)
