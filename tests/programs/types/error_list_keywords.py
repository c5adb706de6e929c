list(iterable=[1])
