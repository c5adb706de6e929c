/* arith.c: Python's operators on cpvm values: binary arithmetic, comparison, truthiness, unary ops, `in`.
 *
 * Instruction bodies (instructions.h) compute int+int and float*float inline and call here for every other
 * pair, so this file is the one place that knows CPython 3.11's rules and its exact error messages.
 * ints are unbounded, in two forms (objects/bigint.h): int64 arithmetic is done here, and a result that
 * does not fit, or any operand that is a big int, goes to objects/bigint_ops.c, which normalises its
 * result (int64 range is always VAL_INT). bool takes part in arithmetic as the int 0 or 1, as in Python.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "core/vm.h"
#include "objects/object.h"
#include "ops/runtime.h"

/* A number as a double, as float(v): a big int rounds, or raises OverflowError past the float range. */
static bool to_double(Vm *vm, Value v, double *out) {
    if (IS_FLOAT(v)) *out = AS_FLOAT(v);
    else if (is_intlike(v)) *out = (double)as_intlike(v);
    else return bigint_to_double(vm, v, out);
    return true;
}

static bool unsupported(Vm *vm, int op, Value a, Value b) {
    /* CPython names ** by its function too, but only in the plain (not augmented) form. */
    const char *suffix = op == NB_POWER ? " or pow()" : "";
    return vm_raise(vm, EXC_TYPE_ERROR, "unsupported operand type(s) for %s%s: '%s' and '%s'", binary_op_symbols[op],
                    suffix, value_type_name(a), value_type_name(b));
}

/* --- Truthiness ---------------------------------------------------------------------------------------- */

bool rt_truthy(Value v) { return IS_OBJ(v) ? value_bool(v) : value_truthy(v); }

/* --- Int arithmetic ------------------------------------------------------------------------------------ */

/* a / b correctly rounded, as CPython's long_true_divide. Below 2**53 both convert to double exactly and
 * one IEEE division rounds once; wider operands would round twice, so divide in 128 bits instead. */
static double int_true_divide(int64_t a, int64_t b) {
    const int64_t exact = (int64_t)1 << 53;
    if (a > -exact && a < exact && b > -exact && b < exact) return (double)a / (double)b;
    bool negative = (a < 0) != (b < 0);
    uint64_t ua = a < 0 ? -(uint64_t)a : (uint64_t)a;
    uint64_t ub = b < 0 ? -(uint64_t)b : (uint64_t)b;
    if (ua == 0) return negative ? -0.0 : 0.0;
    int shift = 64 + __builtin_clzll(ua); /* n's top bit is bit 127, so q >= 2**63: plenty of bits */
    unsigned __int128 n = (unsigned __int128)ua << shift;
    unsigned __int128 q = n / ub;
    bool sticky = n % ub != 0;
    uint64_t high = (uint64_t)(q >> 64);
    int qbits = high ? 128 - __builtin_clzll(high) : 64 - __builtin_clzll((uint64_t)q);
    int drop = qbits - 54; /* keep 53 bits plus one rounding bit */
    sticky = sticky || (q & (((unsigned __int128)1 << drop) - 1)) != 0;
    uint64_t top = (uint64_t)(q >> drop);
    uint64_t mantissa = top >> 1;
    if ((top & 1) && (sticky || (mantissa & 1))) mantissa++; /* round half to even */
    double r = ldexp((double)mantissa, drop + 1 - shift);
    return negative ? -r : r;
}

/* base ** exp for exp >= 0 by squaring; false on overflow. The base is squared only while bits of exp
 * remain, so an overflowing square always means an overflowing result (|base| >= 2 from then on). */
static bool int_power(int64_t base, int64_t exp, int64_t *out) {
    int64_t r = 1;
    while (exp > 0) {
        if ((exp & 1) && __builtin_mul_overflow(r, base, &r)) return false;
        exp >>= 1;
        if (exp > 0 && __builtin_mul_overflow(base, base, &base)) return false;
    }
    *out = r;
    return true;
}

static bool float_power(Vm *vm, double v, double w, Value *result);

/* a << b and a >> b in int64; false (no error set) when a << b does not fit. */
static bool int_shift(int base, int64_t a, int64_t b, int64_t *r) {
    if (base == NB_RSHIFT) {
        *r = b >= 64 ? (a < 0 ? -1 : 0) : a >> b; /* >> of a negative int64 is arithmetic in GNU C */
        return true;
    }
    if (a == 0) {
        *r = 0;
        return true;
    }
    if (b >= 64) return false;
    *r = (int64_t)((uint64_t)a << b);
    return (*r >> b) == a; /* false when bits (or the sign) fell off the top */
}

/* Two ints of any size: in int64 when both are inline and the result fits, else in GMP. */
static bool int_op(Vm *vm, int op, int base, Value va, Value vb, Value *result) {
    if (!is_intlike(va) || !is_intlike(vb)) {
        if (base == NB_TRUE_DIVIDE) {
            double q;
            if (!bigint_true_divide(vm, va, vb, &q)) return false;
            *result = float_value(q);
            return true;
        }
        if (base == NB_POWER && number_compare(vb, int_value(0)) < 0) { /* 2 ** -1 == 0.5 */
            double x, y;
            return to_double(vm, va, &x) && to_double(vm, vb, &y) && float_power(vm, x, y, result);
        }
        return bigint_binary_op(vm, base, va, vb, result);
    }
    int64_t a = as_intlike(va), b = as_intlike(vb), r = 0;
    switch (base) {
    case NB_ADD:
        if (__builtin_add_overflow(a, b, &r)) return bigint_binary_op(vm, base, va, vb, result);
        break;
    case NB_SUBTRACT:
        if (__builtin_sub_overflow(a, b, &r)) return bigint_binary_op(vm, base, va, vb, result);
        break;
    case NB_MULTIPLY:
        if (__builtin_mul_overflow(a, b, &r)) return bigint_binary_op(vm, base, va, vb, result);
        break;
    case NB_FLOOR_DIVIDE:
        if (b == 0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "integer division or modulo by zero");
        if (a == INT64_MIN && b == -1) return bigint_binary_op(vm, base, va, vb, result); /* 2**63 */
        r = int_floor_div(a, b);
        break;
    case NB_REMAINDER:
        if (b == 0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "integer modulo by zero");
        r = b == -1 ? 0 : int_floor_mod(a, b); /* INT64_MIN % -1 traps in C */
        break;
    case NB_TRUE_DIVIDE:
        if (b == 0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "division by zero");
        *result = float_value(int_true_divide(a, b));
        return true;
    case NB_POWER:
        if (b < 0) return float_power(vm, (double)a, (double)b, result); /* 2 ** -1 == 0.5 */
        if (!int_power(a, b, &r)) return bigint_binary_op(vm, base, va, vb, result);
        break;
    case NB_LSHIFT:
    case NB_RSHIFT:
        if (b < 0) return vm_raise(vm, EXC_VALUE_ERROR, "negative shift count");
        if (!int_shift(base, a, b, &r)) return bigint_binary_op(vm, base, va, vb, result);
        break;
    case NB_AND:
    case NB_OR:
    case NB_XOR:
        r = base == NB_AND ? (a & b) : base == NB_OR ? (a | b) : (a ^ b);
        if (IS_BOOL(va) && IS_BOOL(vb)) { /* bool & bool stays a bool */
            *result = bool_value(r != 0);
            return true;
        }
        break;
    default: return unsupported(vm, op, va, vb);
    }
    *result = int_value(r);
    return true;
}

/* --- Float arithmetic ---------------------------------------------------------------------------------- */

#define IS_ODD_INTEGER(x) (fmod(fabs(x), 2.0) == 1.0)

/* v ** w for floats, case by case as CPython's float_pow (C's pow differs on some of them). */
static bool float_power(Vm *vm, double v, double w, Value *result) {
    double r;
    bool negate = false;
    if (w == 0.0) {
        r = 1.0;
    } else if (isnan(v)) {
        r = v;
    } else if (isnan(w)) {
        r = v == 1.0 ? 1.0 : w;
    } else if (isinf(w)) {
        double av = fabs(v);
        r = av == 1.0 ? 1.0 : ((w > 0.0) == (av > 1.0)) ? fabs(w) : 0.0;
    } else if (isinf(v)) {
        bool odd = IS_ODD_INTEGER(w);
        r = w > 0.0 ? (odd ? v : fabs(v)) : (odd ? copysign(0.0, v) : 0.0);
    } else if (v == 0.0) {
        if (w < 0.0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "0.0 cannot be raised to a negative power");
        r = IS_ODD_INTEGER(w) ? v : 0.0;
    } else {
        if (v < 0.0) {
            /* CPython returns a complex here; cpvm has no complex type. */
            if (w != floor(w)) return vm_raise(vm, EXC_VALUE_ERROR, "negative number cannot be raised to a fractional power");
            v = -v;
            negate = IS_ODD_INTEGER(w);
        }
        if (v == 1.0) {
            r = 1.0;
        } else {
            r = pow(v, w);
            if (isinf(r)) return vm_raise(vm, EXC_OVERFLOW_ERROR, "(%d, 'Numerical result out of range')", ERANGE);
        }
        if (negate) r = -r;
    }
    *result = float_value(r);
    return true;
}

/* Python's float % : the result takes the divisor's sign; fmod is exact, as in CPython's float_rem. */
static double float_mod(double a, double b) {
    double mod = fmod(a, b);
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0)) mod += b;
    } else {
        mod = copysign(0.0, b);
    }
    return mod;
}

/* Python's float // , as CPython's float_divmod: derived from fmod so that a == b * (a // b) + a % b
 * holds as closely as doubles allow. */
static double float_floor_div(double a, double b) {
    double mod = fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0.0 && (b < 0) != (mod < 0)) div -= 1.0;
    if (div == 0.0) return copysign(0.0, a / b);
    double floordiv = floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
    return floordiv;
}

static bool float_op(Vm *vm, int op, int base, Value va, Value vb, Value *result) {
    double a, b, r;
    bool bitwise = base == NB_AND || base == NB_OR || base == NB_XOR || base == NB_LSHIFT || base == NB_RSHIFT;
    if (bitwise) return unsupported(vm, op, va, vb);
    if (!to_double(vm, va, &a) || !to_double(vm, vb, &b)) return false; /* 10**400 * 1.0: OverflowError */
    switch (base) {
    case NB_ADD: r = a + b; break;
    case NB_SUBTRACT: r = a - b; break;
    case NB_MULTIPLY: r = a * b; break;
    case NB_TRUE_DIVIDE:
        if (b == 0.0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "float division by zero");
        r = a / b;
        break;
    case NB_FLOOR_DIVIDE:
        if (b == 0.0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "float floor division by zero");
        r = float_floor_div(a, b);
        break;
    case NB_REMAINDER:
        if (b == 0.0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "float modulo");
        r = float_mod(a, b);
        break;
    case NB_POWER: return float_power(vm, a, b, result);
    default: return unsupported(vm, op, va, vb);
    }
    *result = float_value(r);
    return true;
}

/* seq * n and n * seq, through the sequence's repeat slot (CPython's sq_repeat). */
static bool multiply(Vm *vm, int op, bool inplace, Value a, Value b, Value *result) {
    bool a_repeats = IS_OBJ(a) && type_of_obj(AS_OBJ(a))->repeat != NULL;
    Value seq = a_repeats ? a : b, count = a_repeats ? b : a;
    if (!IS_OBJ(seq) || type_of_obj(AS_OBJ(seq))->repeat == NULL) return unsupported(vm, op, a, b);
    if (!is_integer(count)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "can't multiply sequence by non-int of type '%s'", value_type_name(count));
    }
    if (!is_intlike(count)) {
        return vm_raise(vm, EXC_OVERFLOW_ERROR, "cannot fit '%s' into an index-sized integer", value_type_name(count));
    }
    return type_of_obj(AS_OBJ(seq))->repeat(vm, seq, as_intlike(count), inplace && a_repeats, result);
}

static bool object_op(Vm *vm, int op, int base, Value a, Value b, Value *result) {
    bool inplace = op != base;
    switch (base) {
    case NB_ADD: /* a + b through a's concat slot (CPython's sq_concat) */
        if (IS_OBJ(a) && type_of_obj(AS_OBJ(a))->concat != NULL) {
            return type_of_obj(AS_OBJ(a))->concat(vm, a, b, inplace, result);
        }
        break;
    case NB_MULTIPLY: return multiply(vm, op, inplace, a, b, result);
    case NB_REMAINDER:
        if (IS_OBJ(a) && type_of_obj(AS_OBJ(a))->remainder != NULL) {
            return type_of_obj(AS_OBJ(a))->remainder(vm, a, b, result); /* str % args */
        }
        break;
    default: break;
    }
    /* The other operators (dict | dict, set & set): a's binary_op slot, then b's, as CPython tries a's
     * nb_or and then b's when a's says NotImplemented. */
    int (*a_op)(Vm *, int, Value, Value, Value *) = IS_OBJ(a) ? type_of_obj(AS_OBJ(a))->binary_op : NULL;
    int (*b_op)(Vm *, int, Value, Value, Value *) = IS_OBJ(b) ? type_of_obj(AS_OBJ(b))->binary_op : NULL;
    int done = a_op != NULL ? a_op(vm, op, a, b, result) : 0;
    if (done == 0 && b_op != NULL && b_op != a_op) done = b_op(vm, op, a, b, result);
    if (done != 0) return done == 1;
    return unsupported(vm, op, a, b);
}

bool rt_binary_op(Vm *vm, int op, Value a, Value b, Value *result) {
    int base = op >= NB_INPLACE_ADD ? op - NB_INPLACE_ADD : op;
    if (is_integer(a) && is_integer(b)) return int_op(vm, op, base, a, b, result);
    if (is_number(a) && is_number(b)) return float_op(vm, op, base, a, b, result);
    if (!IS_OBJ(a) && !IS_OBJ(b)) return unsupported(vm, op, a, b);
    /* Callers from C may hold a and b only in locals; allocating the result may collect. */
    vm_push_root(vm, a);
    vm_push_root(vm, b);
    bool ok = object_op(vm, op, base, a, b, result);
    vm_pop_root(vm);
    vm_pop_root(vm);
    return ok;
}

/* --- Comparison ---------------------------------------------------------------------------------------- */

int rt_equal(Vm *vm, Value a, Value b) { return value_equal_items(vm, a, b, 0); }

bool rt_compare(Vm *vm, int op, Value a, Value b, Value *result) {
    int r = value_compare(vm, op, a, b, 0);
    if (r < 0) return false;
    *result = bool_value(r == 1);
    return true;
}

/* --- Unary operators ----------------------------------------------------------------------------------- */

static bool bad_operand(Vm *vm, char symbol, Value a) {
    return vm_raise(vm, EXC_TYPE_ERROR, "bad operand type for unary %c: '%s'", symbol, value_type_name(a));
}

bool rt_unary_negative(Vm *vm, Value a, Value *result) {
    if (IS_FLOAT(a)) {
        *result = float_value(-AS_FLOAT(a));
    } else if (is_intlike(a)) {
        int64_t i = as_intlike(a);
        if (i == INT64_MIN) return bigint_negate(vm, a, result); /* 2**63 */
        *result = int_value(-i);
    } else if (IS_BIGINT(a)) {
        return bigint_negate(vm, a, result); /* -(2**63) is VAL_INT again */
    } else {
        return bad_operand(vm, '-', a);
    }
    return true;
}

bool rt_unary_positive(Vm *vm, Value a, Value *result) {
    if (IS_FLOAT(a)) {
        *result = a;
    } else if (is_intlike(a)) {
        *result = int_value(as_intlike(a)); /* +True is 1 */
    } else if (IS_BIGINT(a)) {
        *result = a;
    } else {
        return bad_operand(vm, '+', a);
    }
    return true;
}

bool rt_unary_invert(Vm *vm, Value a, Value *result) {
    if (IS_BIGINT(a)) return bigint_invert(vm, a, result);
    if (!is_intlike(a)) return bad_operand(vm, '~', a);
    *result = int_value(~as_intlike(a)); /* ~x == -x - 1 never overflows */
    return true;
}

/* --- Membership ---------------------------------------------------------------------------------------- */

int rt_contains(Vm *vm, Value item, Value container) { return value_contains(vm, container, item); }
