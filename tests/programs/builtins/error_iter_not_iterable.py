iter(1)
