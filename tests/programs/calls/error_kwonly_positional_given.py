def g(*, a, b): pass


g(1)
