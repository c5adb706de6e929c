# An exception in a finalizer is reported ("Exception ignored in: ...") and dropped: the program goes on
# and exits 0. So is a generator that yields again when closed.
import gc


def failing():
    try:
        yield 1
    finally:
        raise ValueError("boom in finally")


f = failing()
next(f)
f = None
gc.collect()
print("still running")


def stubborn():
    try:
        yield 1
    finally:
        yield 2


s = stubborn()
next(s)
s = None
gc.collect()
print("done")
