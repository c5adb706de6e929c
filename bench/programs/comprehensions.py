# comprehensions.py: list, dict and set comprehensions with filters and two for clauses, rebuilt every
# round (each one a call of its own function, as in CPython 3.11). Argument: rounds (default 3600).
# Lua twin: bench/lua/comprehensions.lua.
import sys


def one_round(r, size):
    squares = [x * x + r for x in range(size)]
    evens = [v for v in squares if v % 2 == 0]
    residues = {v: v % 7 for v in evens}
    distinct = {v % 11 for v in squares}
    pairs = [(a, b) for a in range(40) for b in range(a) if (a + b + r) % 3 == 0]
    return sum(evens) % 1000003 + len(residues) + len(distinct) + len(pairs)


def main():
    rounds = 3600
    if len(sys.argv) > 1:
        rounds = int(sys.argv[1])
    total = 0
    for r in range(rounds):
        total = (total + one_round(r, 1000)) % 1000000007
    print("total:", total)


main()
