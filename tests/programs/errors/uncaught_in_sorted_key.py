def key(x):
    if x == 2:
        raise ZeroDivisionError("bad key")
    return x

sorted([3, 2, 1], key=key)
