a = 17
b = 5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** 2)
print(-a, +a, ~a, abs(-a))
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3)
print(7 / 7, 1 / 3, 10 / 4)
x = 1_000_000
print(x, 0x_ff, 0xFF, 0o17, 0b1011, 0O7, 0B1, 0X1f)
print(9223372036854775807, -9223372036854775808)
