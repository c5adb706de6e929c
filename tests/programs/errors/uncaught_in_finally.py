def f():
    try:
        raise ValueError("original")
    finally:
        raise TypeError("from finally")

f()
