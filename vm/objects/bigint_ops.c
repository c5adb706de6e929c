/* bigint_ops.c: Python's int arithmetic at any size, on GMP: + - * // % ** << >> & | ^, unary - ~ abs,
 * true division correctly rounded, and pow with a modulus.
 *
 * ops/arith.c calls here when an operand is a big int or when an int64 operation overflows (the slow
 * path of the fast paths). Each operation views its operands (bigint_gmp.h), bounds the result's size
 * before GMP allocates anything, computes into a scratch mpz and normalises the result. GMP's floor
 * division (fdiv) and its two's-complement bitwise operations on negatives are exactly Python's.
 */
#include <math.h>

#include "core/vm.h"
#include "objects/bigint_gmp.h"
#include "objects/object.h"

static uint64_t limbs_of(const IntView *v) { return mpz_size(v->z); }
static uint64_t larger(uint64_t a, uint64_t b) { return a > b ? a : b; }

/* Runs [compute] on a fresh scratch mpz and normalises what it leaves there. */
#define WITH_SCRATCH(vm, result, compute)                                                                    \
    do {                                                                                                    \
        mpz_t r;                                                                                            \
        mpz_init(r);                                                                                        \
        compute;                                                                                            \
        bool ok_ = bigint_from_mpz(vm, r, result);                                                          \
        mpz_clear(r);                                                                                       \
        return ok_;                                                                                         \
    } while (0)

/* --- Shifts and powers ------------------------------------------------------------------------------------ */

static bool shift(Vm *vm, int op, const IntView *x, const IntView *count, Value *result) {
    if (mpz_sgn(count->z) < 0) return vm_raise(vm, EXC_VALUE_ERROR, "negative shift count");
    if (!mpz_fits_ulong_p(count->z)) { /* 2**64 bits and more */
        if (op == NB_RSHIFT || mpz_sgn(x->z) == 0) {
            *result = int_value(op == NB_RSHIFT && mpz_sgn(x->z) < 0 ? -1 : 0);
            return true;
        }
        return vm_raise(vm, EXC_OVERFLOW_ERROR, "too many digits in integer");
    }
    unsigned long n = mpz_get_ui(count->z);
    if (op == NB_RSHIFT) WITH_SCRATCH(vm, result, mpz_fdiv_q_2exp(r, x->z, n)); /* floor: -1 >> 1 == -1 */
    if (mpz_sgn(x->z) == 0) {
        *result = int_value(0);
        return true;
    }
    if (!bigint_check_limbs(vm, limbs_of(x) + n / 64 + 1)) return false;
    WITH_SCRATCH(vm, result, mpz_mul_2exp(r, x->z, n));
}

/* x ** e for e >= 0. 0, 1 and -1 stay small whatever e is; otherwise the result has about
 * bits(x) * e bits, which must fit before GMP starts. */
static bool power(Vm *vm, const IntView *x, const IntView *e, Value *result) {
    if (mpz_cmpabs_ui(x->z, 1) <= 0) {
        bool odd = mpz_odd_p(e->z);
        int64_t s = mpz_sgn(x->z);
        *result = int_value(mpz_sgn(e->z) == 0 ? 1 : s < 0 ? (odd ? -1 : 1) : s);
        return true;
    }
    uint64_t bits = mpz_sizeinbase(x->z, 2);
    if (!mpz_fits_ulong_p(e->z) || mpz_get_ui(e->z) > BIGINT_MAX_LIMBS * 64) {
        return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    }
    unsigned long n = mpz_get_ui(e->z);
    if ((unsigned __int128)bits * n / 64 + 1 > BIGINT_MAX_LIMBS) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    if (!bigint_check_limbs(vm, bits * n / 64 + 1)) return false;
    WITH_SCRATCH(vm, result, mpz_pow_ui(r, x->z, n));
}

/* --- The binary operators ---------------------------------------------------------------------------------- */

static bool divide(Vm *vm, int op, const IntView *x, const IntView *y, Value *result) {
    if (mpz_sgn(y->z) == 0) {
        return vm_raise(vm, EXC_ZERO_DIVISION_ERROR,
                        op == NB_REMAINDER ? "integer modulo by zero" : "integer division or modulo by zero");
    }
    if (!bigint_check_limbs(vm, limbs_of(x) + 1)) return false;
    if (op == NB_REMAINDER) WITH_SCRATCH(vm, result, mpz_fdiv_r(r, x->z, y->z)); /* takes y's sign */
    WITH_SCRATCH(vm, result, mpz_fdiv_q(r, x->z, y->z));
}

bool bigint_binary_op(Vm *vm, int op, Value a, Value b, Value *result) {
    IntView x, y;
    bigint_view(a, &x);
    bigint_view(b, &y);
    uint64_t wider = larger(limbs_of(&x), limbs_of(&y)) + 1;
    switch (op) {
    case NB_ADD:
        if (!bigint_check_limbs(vm, wider)) return false;
        WITH_SCRATCH(vm, result, mpz_add(r, x.z, y.z));
    case NB_SUBTRACT:
        if (!bigint_check_limbs(vm, wider)) return false;
        WITH_SCRATCH(vm, result, mpz_sub(r, x.z, y.z));
    case NB_MULTIPLY:
        if (!bigint_check_limbs(vm, limbs_of(&x) + limbs_of(&y))) return false;
        WITH_SCRATCH(vm, result, mpz_mul(r, x.z, y.z));
    case NB_FLOOR_DIVIDE:
    case NB_REMAINDER: return divide(vm, op, &x, &y, result);
    case NB_POWER: return power(vm, &x, &y, result); /* arith.c sends negative exponents to float pow */
    case NB_LSHIFT:
    case NB_RSHIFT: return shift(vm, op, &x, &y, result);
    case NB_AND:
        if (!bigint_check_limbs(vm, wider)) return false;
        WITH_SCRATCH(vm, result, mpz_and(r, x.z, y.z)); /* two's complement on negatives, as Python */
    case NB_OR:
        if (!bigint_check_limbs(vm, wider)) return false;
        WITH_SCRATCH(vm, result, mpz_ior(r, x.z, y.z));
    case NB_XOR:
        if (!bigint_check_limbs(vm, wider)) return false;
        WITH_SCRATCH(vm, result, mpz_xor(r, x.z, y.z));
    default: return vm_raise(vm, EXC_TYPE_ERROR, "bigint_binary_op: no operator %d", op); /* arith.c checks first */
    }
}

/* --- True division ----------------------------------------------------------------------------------------- */

/* a / b correctly rounded to a double (CPython's long_true_divide): scale so that the integer quotient
 * has 55 or 56 bits, keep 53 of them (fewer for a subnormal result) and round half to even, with the
 * division's remainder as the sticky bit. */
bool bigint_true_divide(Vm *vm, Value a, Value b, double *out) {
    IntView x, y;
    bigint_view(a, &x);
    bigint_view(b, &y);
    if (mpz_sgn(y.z) == 0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "division by zero");
    bool negative = (mpz_sgn(x.z) < 0) != (mpz_sgn(y.z) < 0);
    if (mpz_sgn(x.z) == 0) {
        *out = negative ? -0.0 : 0.0;
        return true;
    }
    int64_t xbits = (int64_t)mpz_sizeinbase(x.z, 2), ybits = (int64_t)mpz_sizeinbase(y.z, 2);
    int64_t diff = xbits - ybits; /* the quotient lies in [2**(diff-1), 2**(diff+1)) */
    if (diff > 1025) return vm_raise(vm, EXC_OVERFLOW_ERROR, "integer division result too large for a float");
    if (diff < -1080) { /* below half the smallest subnormal */
        *out = negative ? -0.0 : 0.0;
        return true;
    }
    int64_t scale = 55 - diff;
    mpz_t num, den, q;
    mpz_inits(num, den, q, NULL);
    mpz_abs(num, x.z);
    mpz_abs(den, y.z);
    if (scale > 0) mpz_mul_2exp(num, num, (mp_bitcnt_t)scale);
    else mpz_mul_2exp(den, den, (mp_bitcnt_t)-scale);
    mpz_tdiv_qr(q, num, num, den);
    bool sticky = mpz_sgn(num) != 0;
    uint64_t quotient = mpz_get_ui(q); /* 55 or 56 bits */
    mpz_clears(num, den, q, NULL);
    int qbits = 64 - __builtin_clzll(quotient);
    int64_t drop = qbits - 53;
    int64_t lowest = drop - scale; /* the exponent of the last kept bit */
    if (lowest < -1074) drop += -1074 - lowest; /* a subnormal keeps fewer bits */
    double r;
    if (drop > 60) {
        r = 0.0; /* every bit dropped, and the top one is below half the last kept place */
    } else {
        uint64_t mantissa = quotient >> drop, rest = quotient & (((uint64_t)1 << drop) - 1);
        uint64_t half = (uint64_t)1 << (drop - 1);
        if (rest > half || (rest == half && (sticky || (mantissa & 1)))) mantissa++;
        r = ldexp((double)mantissa, (int)(drop - scale));
    }
    if (isinf(r)) return vm_raise(vm, EXC_OVERFLOW_ERROR, "integer division result too large for a float");
    *out = negative ? -r : r;
    return true;
}

/* --- Unary operators and pow with a modulus -------------------------------------------------------------- */

bool bigint_negate(Vm *vm, Value a, Value *result) {
    IntView x;
    bigint_view(a, &x);
    WITH_SCRATCH(vm, result, mpz_neg(r, x.z));
}

bool bigint_invert(Vm *vm, Value a, Value *result) {
    IntView x;
    bigint_view(a, &x);
    if (!bigint_check_limbs(vm, limbs_of(&x) + 1)) return false;
    WITH_SCRATCH(vm, result, mpz_com(r, x.z)); /* ~x == -x - 1 */
}

bool bigint_abs(Vm *vm, Value a, Value *result) {
    IntView x;
    bigint_view(a, &x);
    WITH_SCRATCH(vm, result, mpz_abs(r, x.z));
}

bool bigint_pow_mod(Vm *vm, Value base, Value exp, Value mod, Value *result) {
    IntView b, e, m;
    bigint_view(base, &b);
    bigint_view(exp, &e);
    bigint_view(mod, &m);
    if (mpz_sgn(m.z) == 0) return vm_raise(vm, EXC_VALUE_ERROR, "pow() 3rd argument cannot be 0");
    if (!bigint_check_limbs(vm, 2 * (limbs_of(&m) + 1))) return false;
    mpz_t r, modulus, exponent, start;
    mpz_inits(r, modulus, exponent, start, NULL);
    mpz_abs(modulus, m.z);
    mpz_abs(exponent, e.z);
    bool ok = true;
    mpz_mod(start, b.z, modulus);
    /* A negative exponent raises the inverse (Python 3.8+); GMP would divide by zero on no inverse. */
    if (mpz_sgn(e.z) < 0 && mpz_cmp_ui(modulus, 1) != 0 && mpz_invert(start, start, modulus) == 0) {
        ok = vm_raise(vm, EXC_VALUE_ERROR, "base is not invertible for the given modulus");
    }
    if (ok) {
        mpz_powm(r, start, exponent, modulus);
        if (mpz_sgn(m.z) < 0 && mpz_sgn(r) != 0) mpz_add(r, r, m.z); /* takes the modulus's sign */
        ok = bigint_from_mpz(vm, r, result);
    }
    mpz_clears(r, modulus, exponent, start, NULL);
    return ok;
}
