def values():
    yield 1
    yield 2
    yield {}["missing"]

print(sum(values()))
