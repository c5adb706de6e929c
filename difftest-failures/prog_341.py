import math
gdi = {}
gds = {"k0": 0}
gss = {1, 2, 3}
g0 = (10, 56676)
g1 = (15 + 9)
g2 = ([g1] + [48974, g1, 12]) * 2
g3 = (float(-1) != g1)
g4 = ((g1, -1073741824) if (g2[-1 - g1 % len(g2)] < -1.75) else (g2[0], g1))
g5 = (19 / ((g1 >> 11) * (g1 >> 11) + 1))

def f0(p0, p1=0.5):
    global g1, g2
    if ((p0 ^ g2[-1 - p0 % len(g2)]) != int(g5)):
        g2 = ([p0, p0, 17115, g4[-2]] + (g2 + g2)[:10])
        if not (408.6316127321845 == 6):
            print(g4, p1, g5, g3)
            print(bytearray(b"abc") + bytes(((g1 // ((g4[-2] % -9973) * (g4[-2] % -9973) + 1))) % 4), bytes(str((g1 // ((g4[-2] % -9973) * (g4[-2] % -9973) + 1))), "ascii").hex())
            print("%s/%r" % ((8 if (3.0 <= 0.2) else p0), list(g0),))
        else:
            g2 = sorted(g2)
    else:
        v0 = round((1e-07 / ((len(g2) >> 30) | 1)), 2)
        c0 = 0
        while c0 < 7:
            c0 += 1
            print("%x|%5d|%-4d|" % ((g3 - c0), (g3 - c0), (g3 - c0),))
            print("L0", ((len(g2) // ((g2[(36566 or g1) % len(g2)] >> 35) | 1)), (((g3 | g1) ^ 0x55) % 97)))
            g2 = (g2[0:2] + g2 * 1)[:4]
            print(c0, p1, g2, v0)
    p1 *= (g2[~g1 % len(g2)] % (0.2 * 0.2 + 1.0))
    p1 %= -250.5
    v1 = (g2[-3::-2][1:-1] + [g4[1]])[:40]
    p0 |= ((p0 - (p0 ^ g1)) & 0xFFFF)
    p0 %= 65521
    print("L1", g5)
    return [g2[-1 - max(v1[abs(6) % len(v1)], len(v1)) % len(g2)], v1[(-9 % (p0 if p0 != 0 else 7)) % len(v1)], 10]

def f1():
    print("%s/%r" % (g3, g2,))
    v2 = (((g1 + int((g3 or g3))) ^ 0x55) % 97)
    return f0(((v2 * -4) % 256), g5)

def f2(p2):
    if p2 <= 0:
        v3 = -g4[0]
        return (sorted(g2)[-2:-1:2] + [13])[:40]
    return (f2(p2 - 1) + [((g1 + len(g2)) & 0x3FFFFFFF)])[-12:]

def f3(p3=0.5):
    print("L2", ((math.fabs(g5) / (abs((g1 / (((g1 * g1) >> 21) | 1))) + 0.5)) % -77.5))
    print(((divmod(g2[max(g1, g1, g1) % len(g2)], 100)[0]) << 155) // ((max(g1, g1, 7)) | 1), ((divmod(g2[max(g1, g1, g1) % len(g2)], 100)[0]) << 155) % ((max(g1, g1, 7)) | 1))
    v4 = 1073741824
    print((min((g3 << (99982 & 7)), (v4 ^ g0[0])) & 0xFFFF), (divmod(g0[0], -7) if g3 else (g1, g1)))

g4 = ((g2.pop() if len(g2) > 1 else 0), (((g1 | 1) >> 20) ** 2))
for i0 in g2[:]:
    print([g2[(17 if (g1 <= g5) else g1) % len(g2)], 11][:3] + [g2[abs(i0) % len(g2)]], g3)
    for i1 in range(7, 7, -1):
        try:
            print(i1, g5, g3, i0)
            if (20 >= g5 > i1):
                raise KeyError(21504)
        except KeyError as e0:
            print("exc0", type(e0).__name__, e0.args)
            print("%x|%5d|%-4d|" % (8, 8, 8,))
        except KeyError as e0:
            print("exc1", type(e0).__name__, e0.args)
            pass
        finally:
            print("fin0")
            print(g2, g3, g4, g5)
            if (g3 and g3): break
        for i2 in range(3):
            print(g1, g2, i2, g5)
            print(f1())
        print(("Ab" + str((g1 if (1.5 == i0) else -7))).swapcase(), ("hello " + str((g1 if (1.5 == i0) else -7))).title(), str((g1 if (1.5 == i0) else -7)).isdigit(), str((g1 if (1.5 == i0) else -7)).isalnum())
    print(g0, g5, g2, g1)
c1 = 0
while c1 < 3:
    c1 += 1
    for i3 in range(8):
        m0 = ((((c1 if g3 else g2[(5 | g0[-1]) % len(g2)]) + -g1) // 2) % 1000003)
        if ((g2[-1 - (i3 + i3) % len(g2)] if (g1 < g1) else g4[1]) != ((g4[-1] * g1) % 256)):
            m1 = g2.count(g1)
        elif (g1 >= 256):
            g4 = g4
            g1, m0 = m0, g1
        elif (m0 > g2[g1 % len(g2)]):
            m2, m3 = g4
        else:
            m4 = g2
    for i4 in range(6):
        if ((g3 and g3) and (i4 == g5)):
            m5 = ((((g1 | g1) % 10) + c1) & 0x3FFFFFFF)
            m6 = (g1 // -3)
            print([m6, c1, 1_000_000, m6, c1], sep=", ")
        else:
            print("L3", math.sin(((i4 or g2[(0 and g2[-1]) % len(g2)]) / 1)))
        if (-g5 > (g4[-2] >> 37) > (g1 + g1)):
            m7 = (round((-g1 / (g0[-1] | 1)), 4) % 1000.0)
            print(g0, g3, g1, c1)
        else:
            g2 = (g2[:3:3][:3:3] + [c1])[:40]
            g2 = (g2 * 0) + [i4]
        g0 = g4[::-1]
print(((c1 | c1)) * 10 ** 22 + (g1))
m8, m9 = g4
gdi.update({(((m9 * m9) & 0xFFFF)) % 13: (min(1, len(g2))) % 1000003, (math.ceil(g5)) % 13: 7})
g0 = (g2[-1 - m9 % len(g2)], 18)
print("L4", divmod((g3 % (m8 if m8 != 0 else 7)), (math.floor(g5) | 1))[0], f0((m9 * g3), math.sqrt(abs(607.6001071771127))), max(((c1 % 256) ** 0), math.ceil(54.019165), (g2[m9 % len(g2)] // ((c1 + m8) | 1))))
m10 = g5
m11 = (((2 ** (32648 & 15)) // ((g4[1] % -9973) * (g4[1] % -9973) + 1)) & len(g2))
print(((min(c1, c1) % 256) << 9), max((-2 << 8), math.floor(g5)))
print([g2[-1 - g2[math.floor(-94.274) % len(g2)] % len(g2)], g0[1], m8, g1, c1], ((max(19, len(g2), m8) - 11) % 256), [-(-493.92515400368086), (g1 - g5)])
c2 = 0
while c2 < 10:
    c2 += 1
    if (c1 <= g2[-1]):
        if not not (g0[1] <= g0[0]):
            m12 = ((math.fabs((m8 / 16)) / (-26.0 * -26.0 + 1.0)) / 1000000.0)
            m10 = ((((18 if (m12 < g1) else (-8 - c1)) % -77.5) * (math.exp(0.1 % 10.0) if not (c2 >= m10) else round(m12, 4))) % 3.0)
            m11 = (g2[math.ceil(-255.43977652130502) % len(g2)] % (m8 if m8 != 0 else 7))
        else:
            print(bytes([(-4) % 256, (-c1) % 256, 65]) + b"x\x00y")
        print(format((m11 - g4[-2]), ">10"), format((float(g2[-1]) + m10), "+.1f"))
    elif (m8 in g2):
        m10 *= -(m11 * 0.001)
        m10 %= 1000.0
        c3 = 0
        while c3 < 8:
            c3 += 1
            m8 = -max(~12, m8)
    elif False:
        print((g3 and True))
        print(g5, m9, m11, m8)
    print(g2, (c1 != (g1 | g1)), (((((40204 * 0x10eec716) % -9973) ^ 0x55) % 97) ** 0))
print(g0, g1, g2, g3, g4, g5)
print(gdi, gds, sorted(gss), len(gdi) + len(gds) + len(gss))
