# Four identical traceback lines: CPython prints three and "[Previous line repeated 1 more time]".
def f(n):
    if n == 0:
        return [][0]
    return f(n - 1)


f(4)
