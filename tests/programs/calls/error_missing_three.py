def w(a, b, c, d, e): pass


w(1, 2, 3)
