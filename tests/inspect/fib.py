# A few hundred milliseconds in compiled code, for perf record in tests/inspect/check_inspect.py.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(27))
