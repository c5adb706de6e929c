# Assignment to slices: any length for step 1, exactly the slice's length for extended slices.
a = list(range(10))
a[2:5] = ["x", "y"]
print(a)
a[::2] = "ABCDE"
print(a)
a[1::3] = (7, 8, 9)
print(a)
a[:0] = [0, 0]
print(a)
a[len(a):] = range(3)
print(a)
a[::-1] = list(range(len(a)))
print(a)
b = [1, 2, 3]
b[1:2] = b
print(b)
b[:] = []
print(b)
c = [1, 2, 3, 4]
c[::2] = map(str, [5, 6])
print(c)
c[5:2] = "zz"
print(c)
c[-2:] = iter([True])
print(c)
