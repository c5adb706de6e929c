def f(a, **kwargs):
    return a
