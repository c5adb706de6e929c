def me():
    yield next(g)

g = me()
print(next(g))
