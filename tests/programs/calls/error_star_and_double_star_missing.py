def w(a, b, c): pass


w(*[1], **{'b': 2})
