# nbody.py: the n-body simulation of the Computer Language Benchmarks Game, with each body a list of
# seven floats (x, y, z, vx, vy, vz, mass). Measures float arithmetic and list element access.
# Argument: steps (default 360000).
import math
import sys

SOLAR_MASS = 4.0 * math.pi * math.pi
DAYS_PER_YEAR = 365.24


def make_bodies():
    bodies = []
    bodies.append([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS])
    bodies.append([4.84143144246472090, -1.16032004402742839, -0.103622044471123109,
                   0.00166007664274403694 * DAYS_PER_YEAR, 0.00769901118419740425 * DAYS_PER_YEAR,
                   -0.0000690460016972063023 * DAYS_PER_YEAR, 0.000954791938424326609 * SOLAR_MASS])
    bodies.append([8.34336671824457987, 4.12479856412430479, -0.403523417114321381,
                   -0.00276742510726862411 * DAYS_PER_YEAR, 0.00499852801234917238 * DAYS_PER_YEAR,
                   0.0000230417297573763929 * DAYS_PER_YEAR, 0.000285885980666130812 * SOLAR_MASS])
    bodies.append([12.8943695621391310, -15.1111514016986312, -0.223307578892655734,
                   0.00296460137564761618 * DAYS_PER_YEAR, 0.00237847173959480950 * DAYS_PER_YEAR,
                   -0.0000296589568540237556 * DAYS_PER_YEAR, 0.0000436624404335156298 * SOLAR_MASS])
    bodies.append([15.3796971148509165, -25.9193146099879641, 0.179258772950371181,
                   0.00268067772490389322 * DAYS_PER_YEAR, 0.00162824170038242295 * DAYS_PER_YEAR,
                   -0.0000951592254519715870 * DAYS_PER_YEAR, 0.0000515138902046611451 * SOLAR_MASS])
    return bodies


def offset_momentum(bodies):
    px = 0.0
    py = 0.0
    pz = 0.0
    for b in bodies:
        px = px + b[3] * b[6]
        py = py + b[4] * b[6]
        pz = pz + b[5] * b[6]
    sun = bodies[0]
    sun[3] = -px / SOLAR_MASS
    sun[4] = -py / SOLAR_MASS
    sun[5] = -pz / SOLAR_MASS


def energy(bodies):
    n = len(bodies)
    e = 0.0
    for i in range(n):
        bi = bodies[i]
        e = e + 0.5 * bi[6] * (bi[3] * bi[3] + bi[4] * bi[4] + bi[5] * bi[5])
        for j in range(i + 1, n):
            bj = bodies[j]
            dx = bi[0] - bj[0]
            dy = bi[1] - bj[1]
            dz = bi[2] - bj[2]
            e = e - (bi[6] * bj[6]) / math.sqrt(dx * dx + dy * dy + dz * dz)
    return e


def advance(bodies, steps, dt):
    n = len(bodies)
    for s in range(steps):
        for i in range(n):
            bi = bodies[i]
            xi = bi[0]
            yi = bi[1]
            zi = bi[2]
            mi = bi[6]
            for j in range(i + 1, n):
                bj = bodies[j]
                dx = xi - bj[0]
                dy = yi - bj[1]
                dz = zi - bj[2]
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * math.sqrt(d2))
                bm = bj[6] * mag
                bi[3] = bi[3] - dx * bm
                bi[4] = bi[4] - dy * bm
                bi[5] = bi[5] - dz * bm
                bm = mi * mag
                bj[3] = bj[3] + dx * bm
                bj[4] = bj[4] + dy * bm
                bj[5] = bj[5] + dz * bm
        for b in bodies:
            b[0] = b[0] + dt * b[3]
            b[1] = b[1] + dt * b[4]
            b[2] = b[2] + dt * b[5]


def main():
    steps = 360000
    if len(sys.argv) > 1:
        steps = int(sys.argv[1])
    bodies = make_bodies()
    offset_momentum(bodies)
    print("%.9f" % energy(bodies))
    advance(bodies, steps, 0.01)
    print("%.9f" % energy(bodies))


main()
