def g(*, a, b): pass


g()
