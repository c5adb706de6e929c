import math
print(math.factorial(2**63))
