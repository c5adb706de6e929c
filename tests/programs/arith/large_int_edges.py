big = 9223372036854775807
small = -9223372036854775807 - 1
print(big, small, big - 1, small + 1, big // 2, small // 2, small % 7, big % -7)
print(-big, big * 1, small * 1, 2 ** 62, -(2 ** 62) * 2)
print(big > small, abs(small + 1), 0x7FFFFFFFFFFFFFFF == big, -0x8000000000000000 == small)
