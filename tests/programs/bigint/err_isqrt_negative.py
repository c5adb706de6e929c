import math
print(math.isqrt(-(2**70)))
