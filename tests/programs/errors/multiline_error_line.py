def f(n):
    return (1 +
            n /
            0)
f(1)
