# exceptions.py: try/except in hot loops: a dict lookup that misses one time in 64 and is caught
# (KeyError), a try that never raises (zero-cost: entering it runs no instruction), and raise/except/finally
# every third iteration. Argument: n (default 4000000). Lua twin: bench/lua/exceptions.lua (pcall and error).
import sys


def lookups(n, table):
    hits = 0
    misses = 0
    for i in range(n):
        try:
            hits += table[i % 4096]
        except KeyError:
            misses += 1
    return hits, misses


def guarded(n):
    total = 0
    for i in range(n):
        try:
            total += i % 7
        except ValueError:
            total = -1
    return total


def raising(n):
    done = 0
    for i in range(n):
        try:
            if i % 3 == 0:
                raise ValueError(i)
        except ValueError as e:
            done += e.args[0] % 5
        finally:
            done += 1
    return done


def main():
    n = 4000000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    table = {}
    for i in range(4096):
        if i % 64 != 0:
            table[i] = i * 3
    hits, misses = lookups(n, table)
    print("lookups:", hits, misses, "guarded:", guarded(n), "raising:", raising(n // 4))


main()
