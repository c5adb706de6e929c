"""Module docstring."""
def f():
    """Function docstring."""
def g():
    pass
def h():
    ...
print(f(), g(), h())
if True:
    pass
while False:
    pass
42
"just a string"
print("ok")
