zip([1], x=2)
