def inner(items):
    for item in items:
        yield item.upper()

def outer(items):
    yield "start"
    yield from inner(items)

for word in outer(["a", "b", 3]):
    print(word)
