def waiter():
    print("waiting")
    yield 1
    print("not reached")

w = waiter()
next(w)
w.throw(KeyError("thrown"))
