# closures.py: closures and higher-order functions: counters made by a factory (a cell written through
# nonlocal), composed lambdas (free variables read on every call), a closure passed as a sort key.
# Argument: n (default 3000000). Lua twin: bench/lua/closures.lua.
import sys


def make_counter(step):
    count = 0

    def bump():
        nonlocal count
        count += step
        return count

    return bump


def compose(f, g):
    return lambda x: f(g(x))


def main():
    n = 3000000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    counters = [make_counter(k) for k in range(1, 11)]
    total = 0
    for i in range(n):
        total += counters[i % 10]()
    add1 = lambda x: x + 1
    double = lambda x: x * 2
    h = compose(add1, compose(double, add1))
    acc = 0
    for i in range(n):
        acc = (acc + h(i)) % 1000003
    offset = n % 97
    keyed = sorted(range(n // 20), key=lambda v: (v * 7919 + offset) % 10007)
    print("counters:", total, "composed:", acc, "sorted:", keyed[0], keyed[-1], keyed[len(keyed) // 2])


main()
