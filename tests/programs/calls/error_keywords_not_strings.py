def m(a, b=2, *, c): pass


m(**{1: 2})
