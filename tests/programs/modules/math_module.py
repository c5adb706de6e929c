import math
print(math.sqrt(16), math.sqrt(2), math.floor(3.7), math.floor(-3.2), math.pi)
print(math.sin(0), math.cos(0), math.floor(5))
from math import sqrt, pi as PI
print(sqrt(9.0), PI)
import math as m
print(m.sqrt(25))
def area(r):
    return math.pi * r ** 2
print(area(2))
def local_import():
    import math
    from math import floor
    return math.sqrt(4) + floor(2.5)
print(local_import())
