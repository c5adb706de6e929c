def o(x):
    def inner(a, *, b): pass
    return inner


o(1)(1)
