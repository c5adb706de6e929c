# ... is the Ellipsis singleton: a constant, usable anywhere an expression is.
print(...)
print(type(...), type(...).__name__)
print(... is Ellipsis, ... == ..., ... != None, Ellipsis is ...)
print(repr(...), str(...), bool(...), hash(...) == hash(Ellipsis))
values = [1, ..., (2, ...), {...: "key"}]
print(values)
print(... in values, values.index(...))


def stub(x):
    ...


class_like = {"method": stub}
print(stub(1), class_like["method"](2))
x = ...
if x is ...:
    print("placeholder seen")
print(NotImplemented, type(NotImplemented).__name__, NotImplemented is NotImplemented)
print(sorted([3, 1, 2]) if ... else "never")
