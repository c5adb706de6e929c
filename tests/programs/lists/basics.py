a = [1, 2, 3]
print(a, len(a), a[0], a[-1], a[1:], [])
a.append(4)
print(a)
print(a.pop(), a)
print(a.pop(0), a)
a[0] = 99
print(a)
b = [[1, 2], [3, 4]]
b[1][0] = 30
print(b, b[1][1])
print([1, "two", 3.0, None, True, [5], (6,)])
