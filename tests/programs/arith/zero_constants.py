# A constant 0 or 0.0 flowing into an operator. In the JIT these are sequence stencils (LOAD_CONST 0 then
# BINARY_OP in one stencil), where the compiler once assumed a constant's payload could never be 0: 1.3 / 0
# gave inf instead of ZeroDivisionError (a fuzzer finding). Every tier must agree with CPython.


def checks(x, f):
    print(x + 0, x - 0, x * 0, 0 - x, x == 0, x != 0, x < 0, x > 0.0, f * 0, f + 0.0, f == 0.0, 0.0 < f)
    print(x & 0, x | 0, x ^ 0, x << 0, x >> 0, 0 * f, f - 0.0, f * 0.0)
    if x == 0:
        print("x is zero")
    if f == 0:
        print("f is zero")


def divide(a, b):
    return a / b


def by_zero_float(a):
    return a / 0


checks(0, 0.0)
checks(7, 2.5)
checks(-3, -0.5)
print(divide(1.3, 2))
print(by_zero_float(1.3))
