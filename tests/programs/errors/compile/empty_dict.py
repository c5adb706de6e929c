def f():
    return {}
