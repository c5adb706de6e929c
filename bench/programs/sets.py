# sets.py: set-heavy work: add, in, & and |= on int sets, a breadth-first search with a visited set,
# and membership in a set of strs. Argument: the size of the int range (default 600000).
import sys


def multiples(k, n):
    s = set()
    for i in range(0, n, k):
        s.add(i)
    return s


def sieve_sets(n):
    seen = set()
    shared = 0
    for k in range(2, 30):
        m = multiples(k, n)
        shared += len(m & seen)
        seen |= m
    hits = 0
    for i in range(n):
        if i in seen:
            hits += 1
    return shared, hits, len(seen)


def reachable(n):
    visited = {1}
    frontier = [1]
    depth = 0
    while frontier:
        depth += 1
        following = []
        for x in frontier:
            for y in (x * 2, x * 3 + 1, x - 7):
                if 0 < y < n and y not in visited:
                    visited.add(y)
                    following.append(y)
        frontier = following
    return len(visited), depth


def tags(n):
    names = set()
    for i in range(0, n, 7):
        names.add("t" + str(i % 5000))
    found = 0
    for i in range(n // 4):
        if ("t" + str(i)) in names:
            found += 1
    return len(names), found


def main():
    n = 600000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    shared, hits, size = sieve_sets(n)
    print("sieve: shared %d hits %d size %d" % (shared, hits, size))
    count, depth = reachable(n)
    print("reachable: %d in %d steps" % (count, depth))
    names, found = tags(n)
    print("tags: %d found %d" % (names, found))


main()
