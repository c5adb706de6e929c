import math
gdi = {}
gds = {"k0": 0}
gss = {1, 2, 3}
g0 = -4
g1 = [g0, g0, 16, 4, 41299]
g2 = ((0xe05b75a ^ g0) % -9973)
g3 = -835.0309232464754
g4 = g1
g5 = ((g3 + float(g1[g0 % len(g1)])) / 1000000.0)

def f0():
    print(g0, g1, g2, g3)
    print((g0 % ((g3 % -77.5) * (g3 % -77.5) + 1.0)), (int((g3 * 3.0)) % 256), ((g0 if (g1[-1] == g5) else 1) or g0), sep=", ")
    return max(math.cos((g3 % 1000.0)), ((298901092 ^ g1[0]) % -3))

def f1(p0=38, p1=[2]):
    v0 = g4[:]
    if (10 in p1):
        print("L0", ((max(p0, v0[0]) ^ min(g0, g0)) % -9973), (((len(p1) >> 7) * sum(g1)) % 256))
        print(", ".join([str(divmod(g0, (((g0 ^ 0x55) % 97) * ((g0 ^ 0x55) % 97) + 1))[1]), str((g0 % ((p0 + p0) | 1)))]), (str(divmod(g0, (((g0 ^ 0x55) % 97) * ((g0 ^ 0x55) % 97) + 1))[1]) + " x ").strip(), str(divmod(g0, (((g0 ^ 0x55) % 97) * ((g0 ^ 0x55) % 97) + 1))[1]).startswith(("-", "1")))
        print(p1, g3, g5, g1)
    elif (p0 >= 11):
        v1 = (((((g0 * g2) & 0x3FFFFFFF) * (g2 >> (p0 & 15))) & 0xFFFF),)
        if ((g3 % (abs(g3) + 0.5)) >= ((78732 * p0) % 256)):
            p0 %= (p0 | 1)
            p0 %= 65521
            print(pow((p0 - g2), 7) - pow(p0, 6))
        else:
            p0 ^= (abs(71681) + math.floor(g5))
            p0 %= 0xFFFFF
    elif (-9 > math.e):
        if len(g1) < 40: g1.insert(6, ((p0 - g2) % 1000003))
        print("L1", ((((v0[(g0 + len(p1)) % len(v0)] + 98331) if (g0 >= g0) else math.ceil(g5)) ^ 0x55) % 97), ((sum(g1) & (len(p1) + -1)) & 0x3FFFFFFF), [3.0, round(-80.727, 1)])
    print(str(len(g1)).split("0"), str(len(g1)).rsplit("1", 1), str(len(g1)).partition("2"), str(len(g1)).rpartition("3"))
    for i0 in range(2):
        try:
            v2 = ((f0() / (abs(122.92917340356917) + 0.5)) % 1000.0)
            print(((0x4bc4166 if bool(i0) else (g4[-1073741824 % len(g4)] | 10)) & 0xFFFF), ((math.atan(g3) if (v0[-1] > i0) else (g5 * 100.0)) / 1000000.0), sep=", ")
            if all(v0):
                raise OverflowError((g0 & 25472))
        except OverflowError as e0:
            print("exc0", type(e0).__name__, e0.args)
            v3, v4 = (g4[math.ceil(g3) % len(g4)] and 1), ((len(p1) | g2) & 0xFFFF)
            print(-(((p0 // 7)) << 144) >> 7, ~(((p0 // 7)) << 65) & (((divmod(g2, 2)[1]) << 64) | 12345))
        else:
            print(str(g0).replace("1", "one"), str(g0).count("1"), str(g0).find("9"), str(g0).rfind("0"))
            print("%e %r" % ((g0 - 14.2), (g0 - 14.2),))
        finally:
            print("fin0")
            if (math.e >= -88.3688): break
        print(v0, g0, i0, p1)
    return (((g0 * ((g2 - p0) >> 14)) ^ 0x55) % 97)

def f2(p2, p3):
    global g3
    g3 %= 0.25
    g3 //= (abs((65535 / (p2 if p2 != 0 else 7))) + 0.5)
    g3 %= 1e6
    gdi[(10) % 13] = (gdi.get((divmod(g0, -2)[1]) % 13, 0) + ((704096162 >> 18)) % 1000003) % 1000003
    if ((g3 < g5) and (g5 <= 8)):
        print(~divmod(380071934, (-6 * -6 + 1))[1], 6)
        print("%.3f %g" % (g5, g5,))
    else:
        print(g5, p3, g3, g0)
    p2 = p2
    return ((g4.count(g4[(12 - 43656) % len(g4)]) ** 3) >> 20)

def f3(p4):
    global g0, g4
    if p4 <= 0:
        v5 = -math.log(abs((g5 if (g3 == g3) else 100.0)) + 1.0)
        return (sum(g4) >> 6)
    return ((f3(p4 - 1) + (len(g1) ^ g2)) % 1000003)

def f4(p5, p6, p7):
    """f4: generated."""
    global g1
    print((max(((17773 * 834911851) % -9973), (p6[math.floor(71.0) % len(p6)] - 255), (g2 % (p5 if p5 != 0 else 7))) & 0x3FFFFFFF), (g5 // -1.5))
    for i1 in g4:
        print(g1, [(-120.30206681538073 + math.e), (-2.361 % -1)])
    return (((-g1[-1] + sum(g1)) if (int(0.2) >= ((g0 % -9973) << (p5 & 7))) else abs((g2 | g2))) % 1000003)

def main():
    global g5
    print("a{}b{}".format(~g2, int((g3 != g5))), "{1}-{0}".format(~g2, int((g3 != g5))), str(~g2).removeprefix("-"))
    print(f"{(g2 + g2):#o}|{max(float(7), -1.75):10.3g}")
    c0 = 0
    while c0 < 9:
        c0 += 1
        for i2 in range(-6, -16, -2):
            print("L2", c0)
            print("%08.2f %+d %i" % (2500.0, abs(-2), abs(-2),))
        if (g2 not in g4):
            v6 = divmod((math.ceil(2.25) if (g2 in g1) else (g0 if (float(-4) != 5) else c0)), 1)
            print(g0, v6, c0, g4)
            v6 = divmod(c0, 100)
    for i3 in range(1):
        if len(g1) < 40: g1.insert((g1.pop() if len(g1) > 1 else -7), 19)
        v7 = g4[(g2 if (g2 > g0) else 7) % len(g4)]
        print(f0())
    else:
        print("else0")
    print((math.floor(-53.8342) - (c0 % 100)))
    v8 = math.sin(((round(g5, 4) - math.cos((g3 % 1000.0))) % (abs(float(g2)) + 0.5)))
    print("L3", math.ceil(g3), math.log(abs(-44.31244145181586) + 1.0), g2)
    try:
        c1 = 0
        while c1 < 8:
            c1 += 1
            for i4 in (c0, g2):
                print((-10, 63086), f4(-i4, ([g0] * 2 + g4[:])[:2], ((g2 / ((g0 % -9973) * (g0 % -9973) + 1)) % -77.5)))
            print(g1, c1, g5, g0)
        if len(g4) < 40: g4.append((((g0 + -4) // ((g2 or g0) | 1)) & 0xFFFF))
        if len(g1) < 40: g1.append(~math.floor(12345.678))
        if bool(c0):
            raise ValueError((g0 if (c0 == c0) else g0))
    except Exception as e1:
        print("exc1", type(e1).__name__, e1.args)
        pass
    except Exception as e1:
        print("exc2", type(e1).__name__, e1.args)
        g5 = (-(abs(g5) + (0.5 + g5)) % -77.5)
    if (89414 not in g4):
        print(((-c0 + g4[c0 % len(g4)]) % 256), ((g2, c0) if (3 <= 0.0) else divmod(g2, 3)), end=" |\n")
        for i5 in g4:
            for i6 in (len(g4),):
                gds["k" + str(((len(g4) + c0)) % 13)] = (18) % 1000003
                if len(g4) > 1:
                    g4.pop(0)
                print("{:^9} {!r:>6}".format(1, 1))
            v8 -= -12.31
            v8 %= 1e6
        if (g0 <= 14 < g0):
            print(f0())
            print("%e %r" % ((math.pi + g5), (math.pi + g5),))
    elif (g3 <= c0):
        for i7 in g1:
            gdi[(g2) % 13] = (gdi.get(((g0 - c0)) % 13, 0) + (65535) % 1000003) % 1000003
            print(f4(0, ([676082212] * 5) * 3, (60190 / ((g0 % -9973) * (g0 % -9973) + 1))))
    v8 = g3
    print(g0, g1, g2, g3, g4, g5)
    print(gdi, gds, sorted(gss), len(gdi) + len(gds) + len(gss))

if __name__ == "__main__":
    main()
