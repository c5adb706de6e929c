# Every int operator across the int64 boundary and far past it, with Python's signs.
M = 9223372036854775807
values = [0, 1, -1, 7, -7, M, -M, M + 1, -M - 1, -M - 2, 2**64, -(2**64), 3**50, -(5**40), 10**30 + 12345]
for a in values:
    print(a, a + M, a - M, a * M, -a, ~a, abs(a))
for a in values:
    for b in values:
        if b != 0:
            print(a // b, a % b, a & b, a | b, a ^ b)
print(2**63, 2**64, 2**100, (-2)**63, (-2)**127, 3**100)
print(1 << 63, 1 << 64, -1 << 63, -1 << 64, 12345 << 200, (2**100) >> 37, -(2**100) >> 37, -(2**100) >> 1000)
print(M * M, M * -M, (M + 1) * (M + 1), -M - 1 - 1)
print(7 ** 0, 0 ** 0, (-1) ** 1001, (2**64) ** 3)
x = 1
for i in range(200):
    x = x * 3 + i
print(x)
while x > M:
    x = x // 7
print(x, x + 0 == x)
print(-(-M - 1), -(-M - 1) - 1, (-M - 1) // -1, (-M - 1) % -1, (M + 1) - 1 == M)
