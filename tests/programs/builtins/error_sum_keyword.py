sum([1], x=2)
