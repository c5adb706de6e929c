a = [0] * 5
for i in range(5):
    a[i] = i * i
print(a)
a[-1] = -1
a[1] += 100
a[2] *= 3
print(a)
m = [[0, 0, 0], [0, 0, 0]]
m[1][2] += 5
m[0][0] -= 1
print(m)
k = 0
def idx():
    global k
    k += 1
    return 0
b = [10]
b[idx()] += 1
print(b, k)
