def k(*, a, b, c): pass


k(b=1)
