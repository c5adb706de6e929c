# bytearray: item and slice assignment, append, extend, pop, insert, remove, clear, reverse, in-place + and *,
# aliasing, and that its methods return bytearrays.
a = bytearray(b"abc")
alias = a
a.append(100)
a.extend(b"ef")
a.extend([103, 104])
a.extend(bytearray(b"!"))
print(a, alias, len(a), a[0], a[-1])
a[0] = 65
a[-1] = 63
a[1:3] = b"XYZ"
print(a)
a[2:5] = b""
print(a)
a[0:0] = b"<<"
a[len(a):] = b">>"
print(a, a.pop(), a.pop(0), a.pop(-2), a)
a.insert(0, 49)
a.insert(100, 50)
a.insert(-1, 51)
a.remove(49)
print(a)
a[::2] = b"_" * len(a[::2])
print(a, a[::2], a[1::2])
a.reverse()
print(a)
b = a.copy()
b += b"++"
b *= 2
print(a, b, a + b"x", b"x" + a, a * 2)
a += b
print(a, alias is a)
c = bytearray(b"  Mixed Case  ")
print(c.strip(), c.upper(), c.split(), c.replace(b" ", b""), c.find(b"C"), bytearray(b",").join([b"a", b"b"]), c[2:7])
c.clear()
print(c, len(c), bytearray(), bytearray(3), bytearray([1, 2]), bytearray("é", "utf-8"), bytearray(b"x") == b"x", b"x" == bytearray(b"x"))
d = bytearray(b"abc")
d[1] = 0
print(d, list(d), d[1:2], bytes(d))
