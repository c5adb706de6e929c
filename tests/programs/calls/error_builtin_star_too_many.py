def m(a, b=2, *, c): pass


len(*[1, 2])
