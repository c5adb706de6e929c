# A function's attributes: __name__, __qualname__ (nested: outer.<locals>.inner), __defaults__,
# __kwdefaults__, __module__; builtins' and bound methods' names.
def f(a, b=2, *, c=3):
    return a


def g(x):
    return x


def outer():
    def inner(y=[1]):
        return y
    return inner


print(f.__name__, f.__qualname__, f.__defaults__, f.__kwdefaults__, f.__module__)
print(g.__defaults__, g.__kwdefaults__)
inner = outer()
print(inner.__name__, inner.__qualname__, inner.__defaults__)
print((lambda: 0).__name__, (lambda: 0).__qualname__, [lambda: 1][0].__name__)
print(len.__name__, len.__qualname__, [].append.__name__, [].append.__qualname__, {}.get.__qualname__)
s = "abc"
print(s.upper.__self__, s.upper.__name__)
names = [h.__name__ for h in (f, g, inner, len, print)]
print(names)


def deco(fn):
    def wrapper(*args):
        return fn(*args)
    wrapper.__doc__ if False else None
    return wrapper


@deco
def decorated():
    pass


print(decorated.__name__, decorated.__qualname__)
