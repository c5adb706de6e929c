max([1, 2], key=1)
