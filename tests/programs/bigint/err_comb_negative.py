import math
print(math.comb(2**70, 2))
print(math.comb(-(2**70), 2))
