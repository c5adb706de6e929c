# str/repr/hex/oct/bin of huge ints, and CPython 3.11's limit on decimal conversions.
import sys
print(sys.get_int_max_str_digits())
x = 7**5000
print(len(str(x)), str(x)[:30], str(x)[-30:], repr(-x)[:31])
print(len(hex(x)), hex(x)[:20], oct(-x)[:20], bin(x)[:20], bin(x)[-20:])
print(hex(0), oct(0), bin(0), hex(-1), hex(2**64), oct(-2**64), bin(2**65 + 1), hex(255), bin(-5))
n = 10**4299
print(len(str(n)), len(str(-n)))
sys.set_int_max_str_digits(0)
print(len(str(10**20000)))
sys.set_int_max_str_digits(640)
print(sys.get_int_max_str_digits(), len(str(10**639)), int("1" * 640) % 97, int("1_" * 639 + "1") % 89)
sys.set_int_max_str_digits(4300)
print(int("0x" + "f" * 5000, 16) == 16**5000 - 1, int("1" * 5000, 2) == 2**5000 - 1)
