# abs, pow with a modulus, divmod and round on ints of any size; int methods.
M = 9223372036854775807
print(abs(-M - 1), abs(-(2**70)), abs(2**70), abs(-1))
print(pow(2, 100), pow(2, 10**4, 10**9 + 7), pow(3, 2**70, 2**64 + 1), pow(-2**64, 3, -7), pow(2**70, 2, -7))
print(pow(3, -2, 2**70 + 1), pow(5, 0, 1), pow(2, -1, 1), pow(7, -1, 10**30 + 1), pow(2, 3, -1))
print(divmod(2**70, 7), divmod(-2**70, 7), divmod(2**70, -7), divmod(-2**70, -7), divmod(2**70, 2**35))
print(divmod(2**70, 0.5), divmod(10**20, 3.5), divmod(M + 1, -1))
print(round(2**70), round(2**70, 5), round(12345678901234567890123, -5), round(-15, -1), round(25, -1), round(35, -1))
print(round(2**70, -30), round(5 * 10**30, -31), round(15 * 10**30, -31), round(7, -100), round(-2**70, -3))
print(round(1e300) % 10**6, round(-2.5e20), round(True, -1))
print((0).bit_length(), (1).bit_length(), (-1).bit_length(), (M).bit_length(), (M + 1).bit_length(), (-2**70).bit_length())
print((2**64 - 1).bit_count(), (-5).bit_count(), (3**100).bit_count(), True.bit_length(), (255).bit_count())
