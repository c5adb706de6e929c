# What the program leaves suspended inside a try block is closed at exit, after the last line ran, as
# CPython does at shutdown.
def worker():
    try:
        yield "working"
    finally:
        print("worker cleaned up")


w = worker()
print(next(w))
print("last line")
