print(range(2**70, 2**70 + 3)[3])
