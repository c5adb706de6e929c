sorted([1], x=2)
