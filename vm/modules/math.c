/* math.c: the math module (sqrt, floor, sin, log, ..., pi, e, inf, nan), with CPython 3.11's results
 * and errors ("math domain error", OverflowError); and its integer functions (gcd, factorial, isqrt,
 * comb, perm) on ints of any size, computed by GMP (objects/bigint_gmp.h).
 */
#include <errno.h>
#include <math.h>

#include "core/vm.h"
#include "modules/builtins.h"
#include "objects/args.h"
#include "objects/bigint_gmp.h"
#include "objects/object.h"


/* --- The math module --------------------------------------------------------------------------------------- */

/* A one-argument math function, checked as CPython's math_1 does: a NaN from a non-NaN argument is a
 * domain error; an infinity from a finite argument is a range error where the function can overflow. */
static bool math_unary(Vm *vm, const char *name, double (*fn)(double), bool can_overflow, Value *args, int argc,
                       Value *result) {
    if (argc != 1) return vm_raise(vm, EXC_TYPE_ERROR, "math.%s() takes exactly one argument (%d given)", name, argc);
    double x;
    if (!real_arg(vm, args[0], &x)) return false;
    double r = fn(x);
    if (isnan(r) && !isnan(x)) return vm_raise(vm, EXC_VALUE_ERROR, "math domain error");
    if (isinf(r) && isfinite(x)) {
        if (can_overflow) return vm_raise(vm, EXC_OVERFLOW_ERROR, "math range error");
        return vm_raise(vm, EXC_VALUE_ERROR, "math domain error");
    }
    *result = float_value(r);
    return true;
}

#define MATH_UNARY(name, fn, can_overflow)                                                             \
    NATIVE(math_##name) {                                                                              \
        (void)kwnames;                                                                                 \
        return math_unary(vm, #name, fn, can_overflow, args, argc, result);                           \
    }
MATH_UNARY(sqrt, sqrt, false)
MATH_UNARY(sin, sin, false)
MATH_UNARY(cos, cos, false)
MATH_UNARY(tan, tan, false)
MATH_UNARY(atan, atan, false)
MATH_UNARY(exp, exp, true)
MATH_UNARY(fabs, fabs, false)
#undef MATH_UNARY

/* floor, ceil and trunc return ints (big ones for huge floats); an int argument comes back unchanged. */
static bool math_round_to_int(Vm *vm, const char *name, double (*fn)(double), Value *args, int argc,
                              Value *result) {
    if (argc != 1) return vm_raise(vm, EXC_TYPE_ERROR, "math.%s() takes exactly one argument (%d given)", name, argc);
    if (is_integer(args[0])) {
        *result = IS_BOOL(args[0]) ? int_value(AS_BOOL(args[0])) : args[0];
        return true;
    }
    double x;
    return real_arg(vm, args[0], &x) && bigint_from_float(vm, fn(x), result);
}

NATIVE(math_floor) {
    (void)kwnames;
    return math_round_to_int(vm, "floor", floor, args, argc, result);
}

NATIVE(math_ceil) {
    (void)kwnames;
    return math_round_to_int(vm, "ceil", ceil, args, argc, result);
}

NATIVE(math_trunc) {
    (void)kwnames;
    return math_round_to_int(vm, "trunc", trunc, args, argc, result);
}

NATIVE(math_atan2) {
    (void)kwnames;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "atan2 expected 2 arguments, got %d", argc);
    double y, x;
    if (!real_arg(vm, args[0], &y) || !real_arg(vm, args[1], &x)) return false;
    *result = float_value(atan2(y, x));
    return true;
}

/* Natural log with CPython's domain checks: 0 and negatives are errors, inf and nan pass through. An int
 * past the float range is m * 2**e with m in [0.5, 1), and its log is log(m) + e * log(2), as CPython's
 * loghelper. */
static bool checked_log(Vm *vm, Value v, double *out) {
    double x;
    if (IS_BIGINT(v) && AS_BIGINT(v)->size < 0) return vm_raise(vm, EXC_VALUE_ERROR, "math domain error");
    if (IS_BIGINT(v) && !bigint_to_double(vm, v, &x)) {
        vm_clear_error(vm);
        IntView view;
        bigint_view(v, &view);
        long exponent;
        double mantissa = mpz_get_d_2exp(&exponent, view.z);
        *out = log(mantissa) + log(2.0) * (double)exponent;
        return true;
    }
    if (!real_arg(vm, v, &x)) return false;
    if (x <= 0.0) {
        vm_raise(vm, EXC_VALUE_ERROR, "math domain error");
        return false;
    }
    *out = log(x);
    return true;
}

NATIVE(math_log) {
    (void)kwnames;
    if (argc < 1 || argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "math.log requires 1 to 2 arguments");
    double num = 0.0, den = 1.0;
    if (!checked_log(vm, args[0], &num)) return false;
    if (argc == 2) {
        if (!checked_log(vm, args[1], &den)) return false;
        if (den == 0.0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "float division by zero");
    }
    *result = float_value(num / den);
    return true;
}

/* --- Integer functions ------------------------------------------------------------------------------------ */

static bool integer_arg(Vm *vm, Value v) {
    if (is_integer(v)) return true;
    return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", value_type_name(v));
}

NATIVE(math_gcd) {
    (void)kwnames;
    uint64_t limbs = 1;
    for (int i = 0; i < argc; i++) {
        if (!integer_arg(vm, args[i])) return false;
        IntView v;
        bigint_view(args[i], &v);
        if (mpz_size(v.z) > limbs) limbs = mpz_size(v.z);
    }
    if (!bigint_check_limbs(vm, limbs)) return false;
    mpz_t g;
    mpz_init(g);
    for (int i = 0; i < argc; i++) {
        IntView v;
        bigint_view(args[i], &v);
        mpz_gcd(g, g, v.z); /* gcd(0, x) == |x| */
    }
    bool ok = bigint_from_mpz(vm, g, result);
    mpz_clear(g);
    return ok;
}

/* n! for 0 <= n < 2**63; n! has about n * log2(n) bits. */
static bool factorial_of(Vm *vm, uint64_t n, Value *result) {
    uint64_t bits = n < 2 ? 1 : n * (uint64_t)(64 - __builtin_clzll(n));
    if (n > BIGINT_MAX_LIMBS * 64 || !bigint_check_limbs(vm, bigint_limbs_for_bits(bits))) {
        return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    }
    mpz_t f;
    mpz_init(f);
    mpz_fac_ui(f, n);
    bool ok = bigint_from_mpz(vm, f, result);
    mpz_clear(f);
    return ok;
}

NATIVE(math_factorial) {
    (void)kwnames;
    if (!exactly_one(vm, "factorial", argc) || !integer_arg(vm, args[0])) return false;
    if (number_compare(args[0], int_value(0)) < 0) {
        return vm_raise(vm, EXC_VALUE_ERROR, "factorial() not defined for negative values");
    }
    if (!is_intlike(args[0])) {
        return vm_raise(vm, EXC_OVERFLOW_ERROR, "factorial() argument should not exceed %lld", (long long)INT64_MAX);
    }
    return factorial_of(vm, (uint64_t)as_intlike(args[0]), result);
}

NATIVE(math_isqrt) {
    (void)kwnames;
    if (!exactly_one(vm, "isqrt", argc) || !integer_arg(vm, args[0])) return false;
    IntView v;
    bigint_view(args[0], &v);
    if (mpz_sgn(v.z) < 0) return vm_raise(vm, EXC_VALUE_ERROR, "isqrt() argument must be nonnegative");
    if (!bigint_check_limbs(vm, mpz_size(v.z) / 2 + 1)) return false;
    mpz_t r;
    mpz_init(r);
    mpz_sqrt(r, v.z);
    bool ok = bigint_from_mpz(vm, r, result);
    mpz_clear(r);
    return ok;
}

/* comb(n, k) and perm(n, k) = comb(n, k) * k!, as CPython's checks: 0 when k > n. */
static bool comb_or_perm(Vm *vm, Value n, Value k, bool perm, Value *result) {
    if (!integer_arg(vm, n) || !integer_arg(vm, k)) return false;
    IntView vn, vk;
    bigint_view(n, &vn);
    bigint_view(k, &vk);
    if (mpz_sgn(vn.z) < 0) return vm_raise(vm, EXC_VALUE_ERROR, "n must be a non-negative integer");
    if (mpz_sgn(vk.z) < 0) return vm_raise(vm, EXC_VALUE_ERROR, "k must be a non-negative integer");
    if (mpz_cmp(vk.z, vn.z) > 0) {
        *result = int_value(0);
        return true;
    }
    mpz_t r, rest;
    mpz_inits(r, rest, NULL);
    mpz_sub(rest, vn.z, vk.z);
    mpz_srcptr smaller = perm || mpz_cmp(vk.z, rest) <= 0 ? vk.z : rest; /* comb(n, k) == comb(n, n - k) */
    bool ok = true;
    if (!mpz_fits_slong_p(smaller)) {
        ok = vm_raise(vm, EXC_OVERFLOW_ERROR, perm ? "k must not exceed %lld" : "min(n - k, k) must not exceed %lld",
                      (long long)INT64_MAX);
    } else {
        unsigned long m = mpz_get_ui(smaller);
        uint64_t bits = (uint64_t)m * (mpz_sizeinbase(vn.z, 2) + 1);
        ok = m <= BIGINT_MAX_LIMBS * 64 && bigint_check_limbs(vm, bigint_limbs_for_bits(bits));
        if (!ok && m > BIGINT_MAX_LIMBS * 64) ok = vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
        if (ok) {
            mpz_bin_ui(r, vn.z, m);
            if (perm) {
                mpz_fac_ui(rest, m);
                mpz_mul(r, r, rest);
            }
            ok = bigint_from_mpz(vm, r, result);
        }
    }
    mpz_clears(r, rest, NULL);
    return ok;
}

NATIVE(math_comb) {
    (void)kwnames;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "comb expected 2 arguments, got %d", argc);
    return comb_or_perm(vm, args[0], args[1], false, result);
}

NATIVE(math_perm) {
    (void)kwnames;
    if (argc < 1) return vm_raise(vm, EXC_TYPE_ERROR, "perm expected at least 1 argument, got %d", argc);
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "perm expected at most 2 arguments, got %d", argc);
    return comb_or_perm(vm, args[0], argc == 1 || IS_NONE(args[1]) ? args[0] : args[1], true, result);
}

static const MethodDef math_defs[] = {
    {"sqrt", math_sqrt, false}, {"floor", math_floor, false}, {"ceil", math_ceil, false},
    {"sin", math_sin, false},   {"cos", math_cos, false},     {"tan", math_tan, false},
    {"atan", math_atan, false}, {"atan2", math_atan2, false}, {"exp", math_exp, false},
    {"log", math_log, false},   {"fabs", math_fabs, false},   {"trunc", math_trunc, false},
    {"gcd", math_gcd, false},   {"factorial", math_factorial, false}, {"isqrt", math_isqrt, false},
    {"comb", math_comb, false}, {"perm", math_perm, false},
};

static const struct {
    const char *name;
    double value;
} math_constants[] = {
    {"pi", 3.141592653589793}, {"e", 2.718281828459045}, {"tau", 6.283185307179586}, {"inf", INFINITY}, {"nan", NAN},
};

ObjModule *math_module_new(Vm *vm) {
    ObjString *name = string_from_cstr(vm, "math");
    ObjModule *math = name == NULL ? NULL : module_new(vm, name, COUNT_OF(math_defs) + COUNT_OF(math_constants));
    if (math == NULL) return NULL;
    uint32_t i = 0;
    for (size_t k = 0; k < COUNT_OF(math_defs); k++, i++) {
        if (!module_set_function(vm, math, i, math_defs[k].name, math_defs[k].fn)) return NULL;
    }
    for (size_t k = 0; k < COUNT_OF(math_constants); k++, i++) {
        if (!module_set(vm, math, i, math_constants[k].name, float_value(math_constants[k].value))) return NULL;
    }
    return math;
}

