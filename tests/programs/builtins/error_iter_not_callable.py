iter(1, 2)
