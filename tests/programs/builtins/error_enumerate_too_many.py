enumerate([1], 1, 2)
