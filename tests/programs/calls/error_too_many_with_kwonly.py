def f(a, b, /, c, *, d, e=1): pass


f(1, 2, 3, 4, d=1)
