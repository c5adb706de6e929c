reversed(5)
