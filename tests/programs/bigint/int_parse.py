# int(s, base) with big results: whitespace, signs, prefixes, underscores, bases 2..36.
print(int("9223372036854775808"), int("-9223372036854775809"), int("  +18446744073709551616\n"))
print(int("1_000_000_000_000_000_000_000"), int(" -1_0000_0000_0000_0000_0000 "))
print(int("ffffffffffffffffffffffff", 16), int("0xffffffffffffffffffffffff", 0), int("0X_FFFF_FFFF_FFFF_FFFF_F", 16))
print(int("0o777777777777777777777777", 0), int("0b" + "1" * 100, 0), int("1" * 100, 2))
print(int("zzzzzzzzzzzzzzzzzzzzzzzzz", 36), int("ZZZZZZZZZZZZZZZZ", 36), int("12345601234560123456", 7))
print(int(2**70), int(-2**70), int(1e30), int(-1.5e300) // 10**290, int(True))
print(int(2.0**63), int(-2.0**63), int(2.0**64), float(2**64), float(-(2**1000)), float(2**1024 - 2**970 - 1))
