def f():
    [leak for leak in range(3)]
    return leak


f()
