# A cell variable read before assignment in its own function: UnboundLocalError.
def f():
    print(x)
    x = 1
    def g():
        return x
    return g


f()
