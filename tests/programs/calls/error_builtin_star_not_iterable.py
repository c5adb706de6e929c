def m(a, b=2, *, c): pass


print(*1)
