# Hung the fuzzer before calls checked vm->interrupt: no loop, so no back-edge ever saw the timeout.
def f(n):
    if n == 0:
        return 0
    return f(n - 1) + f(n - 1)
print(f(60))
