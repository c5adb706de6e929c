# nonlocal: rebinding an enclosing function's variable, through several levels.
def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc


c = counter()
c()
c(5)
print(c(), c())
d = counter()
print(d(), c())


def chain():
    x = "a"
    def one():
        def two():
            nonlocal x
            x = x + "b"
        two()
        two()
        return x
    r = one()
    return r, x


print(chain())


def swap_pair():
    a, b = 1, 2
    def swap():
        nonlocal a, b
        a, b = b, a
    swap()
    return a, b


print(swap_pair())


def loop_nonlocal():
    total = 0
    def add(v):
        nonlocal total
        total += v
    for i in range(100):
        add(i)
    return total


print(loop_nonlocal())

x = "global"


def global_inside():
    x = "enclosing"
    def g():
        global x
        x = "set by g"
    g()
    return x


print(global_inside(), x)


def del_cell():
    v = 1
    def read():
        return v
    before = read()
    del v
    return before, read


b, read = del_cell()
print(b)
try_it = False
if try_it:
    read()
