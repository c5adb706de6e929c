import math
print(math.nope)
