print(0 << 2**70)
print(1 << 2**70)
