# Evaluation order of defaults and star arguments, generic wrappers with *args/**kwargs, kw-only defaults.
def note(tag, value):
    print("eval", tag)
    return value


def f(a=note("a", 1), b=note("b", 2), *, c=note("c", 3), d, e=note("e", 5)):
    return a, b, c, d, e


print(f(d=4), f(10, d=40, c=30))


def show(*args, **kwargs):
    return args, sorted(kwargs.items())


print(show(note(1, 1), *[note(2, 2)], note(3, 3), k=note(4, 4), **{"z": note(5, 5)}))


def logged(fn):
    def wrapper(*args, **kwargs):
        print("call", fn.__name__ if False else "fn", args, sorted(kwargs.items()))
        return fn(*args, **kwargs)
    return wrapper


@logged
def area(w, h=1, *, unit="m"):
    return f"{w * h}{unit}"


print(area(3), area(3, 4), area(w=2, h=5, unit="cm"))


def kwonly_defaults_fixed():
    x = 1
    def g(*, y=x):
        return y
    x = 2
    return g()


print(kwonly_defaults_fixed())


def count(*items, sep=", "):
    return len(items), sep


print(count(), count(1, 2, 3), count(*"abcd", sep="|"))
print(sorted(*[[3, 1, 2]], reverse=True), min(*[4, 2, 8]), sum(*[[1, 2, 3]], **{"start": 10}))
print(*[1, 2, 3], sep=" + ", end=" = 6\n")
d = {"sep": "/"}
print("a", "b", **d)
pairs = [(1, 2), (3, 4)]
print([divmod(*p) for p in pairs], list(zip(*pairs)))


def pos_only(a, b, /, **rest):
    return a, b, rest


print(pos_only(1, 2, a=3, b=4))


def hot_star(n):
    total = 0
    for i in range(n):
        total += show(i, i)[0][1] + f(d=i)[3]
    return total


print(hot_star(500))
