# The demo that `tools/cpvm` runs with no arguments: a little of everything cpvm's JIT speeds up.
# It is plain Python, so `python3 tools/demo.py` prints the same lines.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def count_primes(limit):
    sieve = [True] * limit
    count = 0
    for i in range(2, limit):
        if sieve[i]:
            count += 1
            for j in range(i * i, limit, i):
                sieve[j] = False
    return count


def mandelbrot(size):
    inside = 0
    for y in range(size):
        for x in range(size):
            cr = 2.0 * x / size - 1.5
            ci = 2.0 * y / size - 1.0
            zr = 0.0
            zi = 0.0
            i = 0
            while i < 50 and zr * zr + zi * zi < 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                i += 1
            if i == 50:
                inside += 1
    return inside


print("fib(30) =", fib(30))
print("primes below 2000000:", count_primes(2000000))
print("mandelbrot 400x400 points inside:", mandelbrot(400))
