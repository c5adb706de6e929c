# del of names, items and slices.
a = list(range(10))
del a[0]
print(a)
del a[-1]
print(a)
del a[1:3]
print(a)
del a[::2]
print(a)
b = list(range(12))
del b[::-3]
print(b)
del b[100:]
del b[5:2]
print(b)
del b[:]
print(b, len(b))
c = list(range(8))
del c[1], c[-1]
print(c)
del c[1:7:2]
print(c)
x = 5
print(x)
del x
x = 6
print(x)

def f():
    y = [1, 2, 3]
    z = y
    del y
    del z[1]
    return z

print(f())
d = [[1, 2], [3, 4]]
del d[0][1]
print(d)
e = [1, 2, 3]
del (e[0])
print(e)
p, q = 1, 2
del p, q
p = 3
print(p)
n = list(range(20))
del n[2:17:5]
print(n)
del n[-1:-4:-1]
print(n)
