# math's integer functions on big values, and floor/ceil/trunc/log past int64.
import math
print(math.factorial(0), math.factorial(20), math.factorial(21), math.factorial(100) % (10**9 + 7))
print(len(str(math.factorial(1000))), math.factorial(True))
print(math.gcd(), math.gcd(0), math.gcd(-12, 18, 30), math.gcd(2**100, 6**50), math.gcd(3**80, -(3**40) * 2))
print(math.isqrt(0), math.isqrt(99), math.isqrt(10**30), math.isqrt(2**127), math.isqrt(10**100 - 1))
print(math.comb(5, 6), math.comb(100, 50), math.comb(10**20, 3), math.comb(2**64, 2**64 - 2), math.comb(7, 0))
print(math.perm(5), math.perm(30, 20), math.perm(5, 6), math.perm(5, None), math.perm(2**64, 2))
print(math.floor(1e300) % 10**9, math.ceil(-1e20), math.trunc(-2.0**70), math.floor(2**70), math.trunc(2.5))
print(math.log(10**400), math.log(2**1100, 2), math.log(2**10000, 2**5000), math.log(3, 2**70), math.log(2**64))
print(math.sqrt(2**100), math.fabs(-2**70), math.exp(-2**0), math.atan2(2**64, 2**64))
