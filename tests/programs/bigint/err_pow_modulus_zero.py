print(pow(2**70, 2**70, 0))
