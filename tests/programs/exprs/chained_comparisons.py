n = 5
print(0 <= n < 10, 0 < n < 5, 1 < 2 < 3 < 4, 1 < 2 > 0, 3 > 2 > 1 > 0, 1 == 1 != 2)
print(1 < 3 > 2 == 2 >= 2 <= 5)
log = []
def v(x):
    log.append(x)
    return x
print(v(1) < v(2) < v(3), log)
log = []
print(v(3) < v(2) < v(1), log)
log = []
print(v(1) < v(5) < v(2) < v(9), log)
if 0 <= n < 10:
    print("in range")
print(1 < 2 in [2], 2 in [2] in [[2]], "a" < "b" < "c")
x = 2
print(1 < x is not None, None is None is None)
