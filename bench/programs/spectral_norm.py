# spectral_norm.py: the spectral norm of an infinite matrix (Benchmarks Game), by power iteration.
# Measures a small function called in a tight float loop. Argument: n (default 550).
import math
import sys


def eval_a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def mul_av(n, v, out):
    for i in range(n):
        s = 0.0
        for j in range(n):
            s = s + eval_a(i, j) * v[j]
        out[i] = s


def mul_atv(n, v, out):
    for i in range(n):
        s = 0.0
        for j in range(n):
            s = s + eval_a(j, i) * v[j]
        out[i] = s


def mul_atav(n, v, out, tmp):
    mul_av(n, v, tmp)
    mul_atv(n, tmp, out)


def main():
    n = 550
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    u = []
    v = []
    tmp = []
    for i in range(n):
        u.append(1.0)
        v.append(0.0)
        tmp.append(0.0)
    for k in range(10):
        mul_atav(n, u, v, tmp)
        mul_atav(n, v, u, tmp)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv = vbv + u[i] * v[i]
        vv = vv + v[i] * v[i]
    print("%.9f" % math.sqrt(vbv / vv))


main()
