def f(a, b, /, c, *, d, e=1): pass


f(a=1, b=2, c=3, d=4)
