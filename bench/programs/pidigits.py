# pidigits.py: the digits of pi by Gibbons' unbounded spigot (the benchmarks game's pidigits, in plain
# ints). Measures big-int multiply, add and divmod on numbers that grow to thousands of digits, with
# small-int multipliers: the promotion path and GMP. No Lua twin: Lua has no big ints.
# Argument: how many digits (default 5000). Prints their count, digit sum and the last 20 digits.
import sys


def pidigits(count):
    digits = []
    k = 0
    k1 = 1
    n, a, d = 1, 0, 1
    while len(digits) < count:
        k += 1
        t = n << 1
        n *= k
        a += t
        k1 += 2
        a *= k1
        d *= k1
        if a >= n:
            t, u = divmod(n * 3 + a, d)
            u += n
            if d > u:
                digits.append(t)
                a -= d * t
                a *= 10
                n *= 10
    return digits


def main():
    count = 5000
    if len(sys.argv) > 1:
        count = int(sys.argv[1])
    digits = pidigits(count)
    last = 0
    for digit in digits[-20:]:
        last = last * 10 + digit
    print("digits: %d sum: %d last 20: %d" % (len(digits), sum(digits), last))


main()
