def f(x):
    return {k: v for k, v in x}
