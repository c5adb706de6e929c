# generators.py: pipelines of generator functions. Every value passes through two suspended frames
# (squares -> evens -> sum, squares -> relay's yield from -> sum), then one send() per value into a
# coroutine-style generator, so the time is in resuming and yielding, not in the arithmetic.
# Argument: n (default 300000); the pipelines run 10 times.
import sys


def squares(n):
    for i in range(n):
        yield i * i


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def relay(it):
    yield from it


def running_max(it):
    best = None
    while True:
        x = yield best
        if best is None or x > best:
            best = x


n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
total = 0
for _ in range(10):
    total += sum(evens(squares(n)))
    total += sum(relay(squares(n)))
tracker = running_max(None)
next(tracker)
for x in squares(n):
    peak = tracker.send(x % 1000003)
print("sum:", total, "peak:", peak)
