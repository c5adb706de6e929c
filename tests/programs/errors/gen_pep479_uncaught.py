def gen():
    yield 1
    raise StopIteration("leaked")

print(list(gen()))
