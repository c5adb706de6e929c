# Thousands of generators abandoned in a loop: every finally runs exactly once, whenever the collector
# finds them (CPython: at each drop), and the loop's own results are unaffected.
import gc

closed = 0


def counter(n):
    global closed
    try:
        for i in range(n):
            yield i
    finally:
        closed += 1


total = 0
for k in range(5000):
    g = counter(10)
    total += next(g) + next(g)
gc.collect()
print(total, closed)


def pairs():
    try:
        yield from counter(3)
    finally:
        print("outer closed")


p = pairs()
print(next(p))
before = closed
p = None
gc.collect()
print(closed - before)
