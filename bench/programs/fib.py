# fib.py: naive recursive Fibonacci. Measures calls, returns and small-int adds.
# Argument: n (default 36). Lua twin: bench/lua/fib.lua.
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    n = 36
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    print("fib(%d) = %d" % (n, fib(n)))


main()
