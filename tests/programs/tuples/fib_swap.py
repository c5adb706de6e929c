a, b = 0, 1
for _ in range(15):
    a, b = b, a + b
print(a, b)
lst = [3, 1, 2]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
i = 0
i, lst[i] = 1, 9
print(i, lst)
