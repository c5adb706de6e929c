def inner():
    raise KeyError("missing")

def outer():
    try:
        inner()
    except KeyError as e:
        raise LookupError("lookup failed") from e

outer()
