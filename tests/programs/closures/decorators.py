# Decorators: plain, stacked, with arguments, and returning something other than a function.
calls = []


def trace(f):
    def wrapper(x):
        calls.append(f.__name__ if False else "call")
        return f(x)
    return wrapper


def times(n):
    def decorate(f):
        def wrapper(x):
            return f(x) * n
        return wrapper
    return decorate


def plus_one(f):
    return lambda x: f(x) + 1


@trace
def square(x):
    return x * x


@plus_one
@times(3)
def ident(x):
    return x


@times(2)
@plus_one
def ident2(x):
    return x


print(square(5), square(6), calls)
print(ident(10), ident2(10))

registry = []


def register(f):
    registry.append(f)
    return f


@register
def a():
    return "a"


@register
def b():
    return "b"


print([f() for f in registry])


def to_value(f):
    return f()


@to_value
def computed():
    return 42


print(computed)


def order(tag):
    print("decorator", tag, "evaluated")
    def decorate(f):
        print("applied", tag)
        return f
    return decorate


@order(1)
@order(2)
def decorated():
    pass
