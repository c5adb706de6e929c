a = [1]
b = [1]
c = a
print(a is b, a is c, a is not b, a == b, None is None, True is True, 1 is not None)
x = None
print(x is None, x is not None)
