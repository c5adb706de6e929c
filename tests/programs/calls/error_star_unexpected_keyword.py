def w(a, b, c): pass


w(*(1, 2), c=3, d=4)
