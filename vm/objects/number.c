/* number.c: None, bool, int and float, the values that are not heap objects: their repr (float repr is
 * the shortest text that reads back exactly, as CPython's), their comparison (exact across int and float)
 * and their hash (CPython's, so equal numbers of different types hash alike).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vm.h"
#include "objects/object.h"

/* --- repr ---------------------------------------------------------------------------------------------- */

/* Reads [digits] x 10**[scale] back as a double: does it give [d] again? */
static bool reads_back(uint64_t digits, int scale, double d) {
    char text[40];
    snprintf(text, sizeof text, "%llue%d", (unsigned long long)digits, scale);
    return strtod(text, NULL) == d;
}

/* The digits of a [precision]-digit decimal that reads back as [d] > 0, and the exponent of its first
 * digit; 0 when there is none. C's correctly rounded %.*e gives the nearest candidate; its neighbours are
 * tried too because just above a power of two the doubles below are twice as dense, so the nearest can
 * miss while the next one up reads back (2**-24 is 5.960464477539063e-08: ...0625 rounds to ...062). */
static int digits_at_precision(double d, int precision, char digits[24], int *exponent) {
    char text[40];
    snprintf(text, sizeof text, "%.*e", precision - 1, d);
    char *e = strchr(text, 'e');
    uint64_t nearest = 0;
    for (const char *p = text; p < e; p++) {
        if (*p != '.') nearest = nearest * 10 + (uint64_t)(*p - '0');
    }
    int scale = atoi(e + 1) - (precision - 1);
    const uint64_t candidates[3] = {nearest, nearest - 1, nearest + 1};
    for (int i = 0; i < 3; i++) {
        if (candidates[i] == 0 || !reads_back(candidates[i], scale, d)) continue;
        int n = snprintf(digits, 24, "%llu", (unsigned long long)candidates[i]);
        *exponent = scale + n - 1;
        while (n > 1 && digits[n - 1] == '0') n--;
        return n;
    }
    return 0;
}

/* The shortest digits that read back as [d] > 0. 17 always suffice, and once some precision works every
 * longer one does too (the floor or ceiling there lies between d and the shorter answer), so a binary
 * search finds the shortest in 5 tries instead of up to 17. */
static int shortest_digits(double d, char digits[24], int *exponent) {
    int low = 1, high = 17;
    while (low < high) {
        int middle = (low + high) / 2;
        if (digits_at_precision(d, middle, digits, exponent) != 0) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    return digits_at_precision(d, low, digits, exponent);
}

/* Python's float repr: the shortest round-tripping digits, laid out in exponent form when the decimal
 * exponent is below -4 or at least 16, otherwise positionally with at least one digit after the point. */
void float_repr(double d, char out[32]) {
    if (isnan(d)) {
        strcpy(out, "nan");
        return;
    }
    if (isinf(d)) {
        strcpy(out, d > 0 ? "inf" : "-inf");
        return;
    }
    if (d == 0.0) {
        strcpy(out, signbit(d) ? "-0.0" : "0.0");
        return;
    }
    char digits[24];
    int exponent = 0;
    char *o = out;
    if (d < 0) *o++ = '-';
    int ndigits = shortest_digits(fabs(d), digits, &exponent);
    if (exponent < -4 || exponent >= 16) {
        *o++ = digits[0];
        if (ndigits > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, (size_t)ndigits - 1);
            o += ndigits - 1;
        }
        sprintf(o, "e%c%02d", exponent < 0 ? '-' : '+', abs(exponent));
        return;
    }
    if (exponent < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = -1; i > exponent; i--) *o++ = '0';
        memcpy(o, digits, (size_t)ndigits);
        o += ndigits;
    } else {
        for (int i = 0; i <= exponent; i++) *o++ = i < ndigits ? digits[i] : '0';
        *o++ = '.';
        if (ndigits > exponent + 1) {
            memcpy(o, digits + exponent + 1, (size_t)(ndigits - exponent - 1));
            o += ndigits - exponent - 1;
        } else {
            *o++ = '0';
        }
    }
    *o = '\0';
}

void number_write_repr(Vm *vm, StrBuf *b, Value v) {
    char text[32];
    switch (v.type) {
    case VAL_NONE: strbuf_append(vm, b, "None", 4); break;
    case VAL_BOOL: strbuf_append_cstr(vm, b, AS_BOOL(v) ? "True" : "False"); break;
    case VAL_INT: strbuf_append_int(vm, b, AS_INT(v)); break;
    case VAL_FLOAT:
        float_repr(AS_FLOAT(v), text);
        strbuf_append_cstr(vm, b, text);
        break;
    default: strbuf_append_cstr(vm, b, "<undefined>"); break; /* never a Python value; seen only in debugging */
    }
}

/* --- Comparison ---------------------------------------------------------------------------------------- */

bool order_holds(int op, int c) {
    if (c == NUMBER_UNORDERED) return op == CMP_NE;
    switch (op) {
    case CMP_LT: return c < 0;
    case CMP_LE: return c <= 0;
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

/* Sign of i - f, exactly, as CPython's float_richcompare: converting i to double could round
 * (2**63 - 1 becomes 2**63), so compare integer parts as ints and then the fraction. */
static int compare_int_float(int64_t i, double f) {
    if (isnan(f)) return NUMBER_UNORDERED;
    if (f >= 9223372036854775808.0) return -1; /* 2**63: above every int64 (and +inf) */
    if (f < -9223372036854775808.0) return 1;
    double whole = trunc(f);
    int64_t fi = (int64_t)whole;
    if (i != fi) return i < fi ? -1 : 1;
    double frac = f - whole;
    return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

/* Sign of i - f for an int of either form; a big int compares exactly through GMP. */
static int compare_integer_float(Value i, double f) {
    if (is_intlike(i)) return compare_int_float(as_intlike(i), f);
    return isnan(f) ? NUMBER_UNORDERED : bigint_compare_double(i, f);
}

int number_compare(Value a, Value b) {
    if (is_intlike(a) && is_intlike(b)) {
        int64_t x = as_intlike(a), y = as_intlike(b);
        return x < y ? -1 : x > y;
    }
    if (IS_FLOAT(a) && IS_FLOAT(b)) {
        double x = AS_FLOAT(a), y = AS_FLOAT(b);
        return x < y ? -1 : x > y ? 1 : x == y ? 0 : NUMBER_UNORDERED;
    }
    if (!IS_FLOAT(a) && !IS_FLOAT(b)) return bigint_compare(a, b); /* ints, at least one big */
    if (IS_FLOAT(b)) return compare_integer_float(a, AS_FLOAT(b));
    int c = compare_integer_float(b, AS_FLOAT(a));
    return c == NUMBER_UNORDERED ? c : -c;
}

/* --- Hash ------------------------------------------------------------------------------------------------ */

/* CPython hashes numbers modulo the Mersenne prime 2**61 - 1 (Python/pyhash.c, Objects/longobject.c), so
 * that hash(n) == hash(float(n)) == hash(Fraction(n)). -1 is reserved for errors there and becomes -2. */
#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

static uint64_t int_hash(int64_t x) {
    uint64_t magnitude = x < 0 ? -(uint64_t)x : (uint64_t)x;
    int64_t h = (int64_t)(magnitude % HASH_MODULUS);
    if (x < 0) h = -h;
    return (uint64_t)(h == -1 ? -2 : h);
}

static uint64_t float_hash(double d) {
    if (isinf(d)) return d > 0 ? 314159 : (uint64_t)-314159;
    if (isnan(d)) return 0; /* CPython 3.11 hashes a nan by its address; 0 keeps cpvm deterministic */
    int exponent;
    double m = frexp(d, &exponent);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    /* Process 28 bits of the mantissa at a time, as _Py_HashDouble does. */
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & HASH_MODULUS) | x >> (HASH_BITS - 28);
        m *= 268435456.0; /* 2**28 */
        exponent -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= HASH_MODULUS) x -= HASH_MODULUS;
    }
    exponent = exponent >= 0 ? exponent % HASH_BITS : HASH_BITS - 1 - ((-1 - exponent) % HASH_BITS);
    x = ((x << exponent) & HASH_MODULUS) | x >> (HASH_BITS - exponent);
    int64_t h = (int64_t)x * sign;
    return (uint64_t)(h == -1 ? -2 : h);
}

uint64_t number_hash(Value v) {
    switch (v.type) {
    case VAL_BOOL: return AS_BOOL(v) ? 1 : 0;
    case VAL_INT: return int_hash(AS_INT(v));
    case VAL_FLOAT: return float_hash(AS_FLOAT(v));
    default: return 0xFCA86420u; /* None: CPython 3.11 hashes it by address; any constant will do */
    }
}
