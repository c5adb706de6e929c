# sort.py: in-place quicksort (Hoare partition, middle pivot) of pseudo-random ints from a Park-Miller
# generator, then a check that the list is sorted. Measures list indexing, swaps and recursion; the
# smaller side is sorted by recursion and the larger by the loop, so depth stays below log2(n).
# Argument: n (default 900000).
import sys


def quicksort(a, lo, hi):
    while lo < hi:
        pivot = a[(lo + hi) // 2]
        i = lo
        j = hi
        while i <= j:
            while a[i] < pivot:
                i = i + 1
            while a[j] > pivot:
                j = j - 1
            if i <= j:
                t = a[i]
                a[i] = a[j]
                a[j] = t
                i = i + 1
                j = j - 1
        if j - lo < hi - i:
            quicksort(a, lo, j)
            lo = i
        else:
            quicksort(a, i, hi)
            hi = j


def main():
    n = 900000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    seed = 12345
    a = []
    for i in range(n):
        seed = (seed * 16807) % 2147483647
        a.append(seed % 1000000)
    quicksort(a, 0, n - 1)
    ordered = 1
    checksum = 0
    for i in range(n):
        if i > 0 and a[i - 1] > a[i]:
            ordered = 0
        checksum = (checksum + a[i] * (i % 1000 + 1)) % 1000000007
    print("sorted: %d min: %d max: %d checksum: %d" % (ordered, a[0], a[n - 1], checksum))


main()
