len([1], x=2)
