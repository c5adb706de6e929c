def m(a, b=2, *, c): pass


m(**{'a': 1}, **{'a': 2})
