print(pow(3, -1, 2**70))
print(pow(2, -1, 2**70))
