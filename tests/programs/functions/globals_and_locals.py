count = 0
def bump():
    global count
    count += 1
def read():
    return count
def shadow():
    count = 100
    return count
bump()
bump()
print(count, read(), shadow(), count)
def make():
    global made, other
    made = "yes"
    other = [1]
make()
print(made, other)
x = "global x"
def uses_global():
    return x
def local_x():
    x = "local x"
    return x
print(uses_global(), local_x(), x)
def param_shadow(x):
    x = x + "!"
    return x
print(param_shadow("p"), x)
def loop_var():
    for i in range(3):
        pass
    return i
i = "global i"
print(loop_var(), i)
