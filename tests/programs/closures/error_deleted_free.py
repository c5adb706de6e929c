# Deleting a free variable through nonlocal, then reading it.
def k():
    x = 1
    def g():
        nonlocal x
        del x
        print(x)
    g()


k()
