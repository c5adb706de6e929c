print(1 + 2.5, 3 * 1.5, 10 - 0.5, 7 // 2.0, 2 ** 0.5)
print(1 == 1.0, 2 < 2.5, 3 >= 3.0, 0.1 + 0.2 == 0.3)
print(int(3.9), int(-3.9), float(2), int("42"), float("2.5"), int(True))
print(True + True, True * 3, False - 1)
