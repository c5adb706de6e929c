for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print(i)
print("---")
for i in range(3):
    for j in range(3):
        if j == 2:
            break
        if i == j:
            continue
        print(i, j)
print("---")
i = 0
while i < 10:
    i += 1
    if i % 3:
        continue
    print(i)
def find(lst, target):
    for i in range(len(lst)):
        if lst[i] == target:
            return i
    return -1
print(find([5, 6, 7], 7), find([5], 1))
def first_even(lst):
    for x in lst:
        for y in lst:
            if x + y == 10:
                return x, y
print(first_even([1, 3, 7, 9]))
