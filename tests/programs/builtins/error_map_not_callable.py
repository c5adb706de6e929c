list(map(1, [1]))
