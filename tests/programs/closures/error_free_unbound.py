# A closure reading its enclosing function's variable before that is assigned: NameError (3.11 wording).
def f():
    def g():
        return x
    r = g()
    x = 1
    return r


f()
