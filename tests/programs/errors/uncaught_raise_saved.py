def f():
    raise ValueError("first raise")

try:
    f()
except ValueError as e:
    saved = e

def g(e):
    raise e

g(saved)
