# mandelbrot.py: escape-time iteration over a size x size grid of the complex plane.
# Measures float arithmetic and comparisons in a loop with an early exit. Argument: size (default 600).
import sys


def mandelbrot(size, max_iter):
    total = 0
    inside = 0
    for y in range(size):
        ci = 2.0 * y / size - 1.0
        for x in range(size):
            cr = 2.0 * x / size - 1.5
            zr = 0.0
            zi = 0.0
            it = 0
            while it < max_iter:
                tr = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = tr
                if zr * zr + zi * zi > 4.0:
                    break
                it = it + 1
            total = total + it
            if it == max_iter:
                inside = inside + 1
    return total, inside


def main():
    size = 600
    if len(sys.argv) > 1:
        size = int(sys.argv[1])
    total, inside = mandelbrot(size, 100)
    print("iterations: %d inside: %d" % (total, inside))


main()
