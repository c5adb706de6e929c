# fannkuch.py: fannkuch-redux (Benchmarks Game): count pancake flips over all permutations of n.
# Measures list indexing and swaps in while loops. Argument: n (default 9); run three times.
import sys


def fannkuch(n):
    perm1 = []
    perm = []
    count = []
    for i in range(n):
        perm1.append(i)
        perm.append(0)
        count.append(0)
    max_flips = 0
    checksum = 0
    perm_count = 0
    r = n
    while 1:
        while r != 1:
            count[r - 1] = r
            r = r - 1
        for i in range(n):
            perm[i] = perm1[i]
        flips = 0
        k = perm[0]
        while k != 0:
            i = 0
            j = k
            while i < j:
                t = perm[i]
                perm[i] = perm[j]
                perm[j] = t
                i = i + 1
                j = j - 1
            flips = flips + 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        if perm_count % 2 == 0:
            checksum = checksum + flips
        else:
            checksum = checksum - flips
        while 1:
            if r == n:
                return checksum, max_flips
            perm0 = perm1[0]
            for i in range(r):
                perm1[i] = perm1[i + 1]
            perm1[r] = perm0
            count[r] = count[r] - 1
            if count[r] > 0:
                break
            r = r + 1
        perm_count = perm_count + 1


def main():
    n = 9
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    checksum = 0
    flips = 0
    for r in range(3):
        checksum, flips = fannkuch(n)
    print("%d\nPfannkuchen(%d) = %d" % (checksum, n, flips))


main()
