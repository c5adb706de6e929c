# loops.py: nested integer loops (for over range, then while). Measures the dispatch of plain
# arithmetic, comparisons and jumps with no calls. Argument: n (default 3200; each loop runs n*n times).
import sys

MOD = 1000000007


def nested(n):
    total = 0
    for i in range(n):
        for j in range(n):
            total = (total + i * j + (i - j) % 7) % MOD
    return total


def counting(n, total):
    k = 0
    limit = n * n
    while k < limit:
        if k % 3 == 0:
            total = (total * 3 + k) % MOD
        else:
            total = total + 1
        k = k + 1
    return total


def main():
    n = 3200
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    total = nested(n)
    print("nested: %d" % total)
    print("counting: %d" % counting(n, total))


main()
