import math
print(math.factorial(25))
print(math.factorial(-1))
