# bigfact.py: factorials and binomials the slow way, in plain ints. Measures a big int times a small
# one (each step of n!), big // big and big % small, on numbers of up to tens of thousands of digits.
# No Lua twin: Lua has no big ints. Argument: n (default 8000). Prints sizes and residues.
import sys


def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def main():
    n = 8000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    whole = factorial(n)
    half = factorial(n // 2)
    comb = whole // (half * factorial(n - n // 2))
    print("n! bits: %d mod p: %d" % (whole.bit_length(), whole % 1000000007))
    print("comb bits: %d mod p: %d" % (comb.bit_length(), comb % 998244353))
    total = 0
    for i in range(1, 200):
        total += (whole // factorial(i * 50)) % 1000003
    print("quotients: %d" % total)


main()
