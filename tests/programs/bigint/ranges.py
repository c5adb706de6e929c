# ranges past int64: the big kind of range (objects/range_big.c), against the small one
B = 2**70
r = range(B, B + 10, 3)
print(r, len(r), bool(r), r[0], r[1], r[-1], r[-4], list(r))
print(B + 3 in r, B + 4 in r, B in r, B + 10 in r, 5 in r, 3.5 in r, "x" in r)
print(list(reversed(r)), list(r[::-1]), r[1:3], r[::2], r[5:], list(r[5:]))
print(range(-B, B, B // 2), len(range(-B, B, B // 2)), list(range(-B, B, B // 2)))
print(range(B, 0, -B // 4), list(range(B, 0, -B // 4)))
print(range(0, B * 2, B), range(0, 5) == range(0, 5), range(B, B) == range(0), range(B, B + 1) == range(B, B + 1, 7))
print(range(B, B + 3) == range(B, B + 3), range(B, B + 3) == range(B, B + 4), range(1, 2) == range(B, B + 1))
print(range(2**63 - 1)[::-1][:3], range(2**63 - 1)[::-1][0], range(-2**63, 0)[::-1][-1])
s = 0
for x in range(2**63 - 3, 2**63 + 3):
    s += x
print(s)


def walk(n):
    total = 0
    count = 0
    for x in range(2**64, 2**64 + n, 2):
        total += x % 1000
        count += 1
    return total, count


for i in range(3):
    print(walk(1000))
a, b, c = range(B, B + 3)
print(a, b, c, sum(range(B, B + 100)), max(range(B, B + 5)), sorted(range(B, B - 3, -1)))
print(list(enumerate(range(B, B + 2))), list(zip(range(B, B + 2), "ab")))
print(len(range(2**64 - 5, 2**64)), range(2**64)[2**63], range(2**64)[-2**63])
# ranges longer than int64 can count: indexing, slicing and reversing still work (len() cannot)
H = range(-2**63, 2**63)
print(H[::-1], H[1:-1:2], H[::2**62], H[5:2**70], H[-2**70:3], H[::-2][:2], H[-1], H[2**63], H[-2**64])
it = reversed(H)
print(next(it), next(it), next(it))
it = reversed(range(-2**63, 2**63 - 1, 1))
print(next(it), next(it))
it = reversed(range(B, -B, -7))
print(next(it), next(it), 2**62 in H, -2**63 - 1 in H, 2**63 in H)
print(float(B) in range(B, B + 2), float(B) + 2**20 in range(B - 1, B + 2**21), float(B) in range(B + 1, B + 3))
