def w(a, b, c): pass


w(1, *[2, 3, 4])
