# Closures over locals and parameters, at several depths, seeing later assignments.
def make_adder(n):
    def add(x):
        return x + n
    return add


add3 = make_adder(3)
add10 = make_adder(10)
print(add3(4), add10(4), add3(add10(1)))


def outer():
    x = 1
    def mid():
        def inner():
            return x * 100
        return inner
    f = mid()
    x = 7  # assigned after the closure was made: the cell is shared
    return f()


print(outer())


def shared():
    value = []
    def push(v):
        value.append(v)
    def get():
        return value
    push(1)
    push(2)
    return get()


print(shared())


def param_cell(a, b=5):
    def both():
        return a, b
    a = a * 2
    return both


print(param_cell(1)(), param_cell(2, 3)())


def three_levels(a):
    def l1(b):
        def l2(c):
            def l3(d):
                return a + b + c + d
            return l3
        return l2
    return l1


print(three_levels(1)(20)(300)(4000))


def functions_as_values():
    ops = {"double": lambda v: v * 2, "square": lambda v: v * v}
    return [ops[name](7) for name in sorted(ops)]


print(functions_as_values())
print(type(make_adder(1)).__name__ if False else "function")
