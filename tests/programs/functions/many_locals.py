def compute(n):
    a = n + 1
    b = a * 2
    c = b - 3
    d = c // 2
    e = d % 7
    f = e ** 2
    g = [a, b, c, d, e, f]
    h = g[::-1]
    return h
print(compute(10))
def count_locals(a, b, c=3, d=4):
    e, f = a + b, c + d
    return e * f
print(count_locals(1, 2), count_locals(1, 2, 0), count_locals(1, 2, 3, 0))
