print(range(2**70, 1.5))
