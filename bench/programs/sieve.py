# sieve.py: the sieve of Eratosthenes, repeated. Measures list stores with strided range loops.
# Argument: limit (default 3400000); the sieve runs 6 times.
import sys

MOD = 1000000007


def sieve(limit):
    flags = []
    for i in range(limit + 1):
        flags.append(1)
    flags[0] = 0
    flags[1] = 0
    i = 2
    while i * i <= limit:
        if flags[i]:
            for j in range(i * i, limit + 1, i):
                flags[j] = 0
        i = i + 1
    count = 0
    total = 0
    for i in range(limit + 1):
        if flags[i]:
            count = count + 1
            total = (total + i) % MOD
    return count, total


def main():
    limit = 3400000
    if len(sys.argv) > 1:
        limit = int(sys.argv[1])
    count = 0
    total = 0
    for r in range(6):
        c, t = sieve(limit - r)
        count = count + c
        total = (total * 31 + t) % MOD
    print("primes: %d checksum: %d" % (count, total))


main()
