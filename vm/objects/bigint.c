/* bigint.c: the big int type (ints outside int64, bigint.h): making one from GMP's results, limbs, text
 * and doubles; comparison, float(), hash, str and repr in any base (with CPython 3.11's digit limit); the
 * int methods; and the TypeInfo. Arithmetic is bigint_ops.c.
 */
#include <math.h>
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/args.h"
#include "objects/bigint_gmp.h"
#include "objects/object.h"

/* --- Views and results --------------------------------------------------------------------------------- */

void bigint_view(Value v, IntView *view) {
    if (IS_BIGINT(v)) {
        const ObjBigInt *big = AS_BIGINT(v);
        mpz_roinit_n(view->z, (const mp_limb_t *)big->limbs, (mp_size_t)big->size);
        return;
    }
    int64_t i = IS_BOOL(v) ? AS_BOOL(v) : AS_INT(v);
    view->limb = i < 0 ? 0 - (uint64_t)i : (uint64_t)i; /* 0 - x: -INT64_MIN would overflow */
    mpz_roinit_n(view->z, &view->limb, i < 0 ? -1 : i > 0 ? 1 : 0);
}

bool bigint_check_limbs(Vm *vm, uint64_t limbs) {
    if (limbs > BIGINT_MAX_LIMBS) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    /* The result exists twice for a moment: in GMP's scratch mpz and in the new object. */
    uint64_t bytes = limbs * sizeof(uint64_t) * 2;
    if (vm->max_memory != 0 && vm->bytes_allocated + bytes > vm->max_memory) {
        return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    }
    return true;
}

static ObjBigInt *bigint_new(Vm *vm, int64_t count) {
    ObjBigInt *big = (ObjBigInt *)gc_allocate_object(vm, sizeof(ObjBigInt) + sizeof(uint64_t) * (size_t)count, OBJ_BIGINT);
    if (big != NULL) big->size = count;
    return big;
}

bool bigint_from_mpz(Vm *vm, mpz_srcptr z, Value *result) {
    if (mpz_fits_slong_p(z)) { /* long is 64-bit on every platform cpvm builds for (bigint_gmp.h) */
        *result = int_value(mpz_get_si(z));
        return true;
    }
    size_t count = mpz_size(z);
    ObjBigInt *big = bigint_new(vm, (int64_t)count);
    if (big == NULL) return false;
    memcpy(big->limbs, mpz_limbs_read(z), count * sizeof(uint64_t));
    if (mpz_sgn(z) < 0) big->size = -big->size;
    *result = obj_value(&big->obj);
    return true;
}

bool bigint_from_limbs(Vm *vm, const uint64_t *limbs, int64_t count, bool negative, Value *result) {
    mpz_t z;
    mpz_roinit_n(z, (const mp_limb_t *)limbs, negative ? -count : count);
    return bigint_from_mpz(vm, z, result);
}

/* --- Comparison and float -------------------------------------------------------------------------------- */

int bigint_compare(Value a, Value b) {
    IntView x, y;
    bigint_view(a, &x);
    bigint_view(b, &y);
    int c = mpz_cmp(x.z, y.z);
    return c < 0 ? -1 : c > 0;
}

int bigint_compare_double(Value a, double f) {
    IntView x;
    bigint_view(a, &x);
    int c = mpz_cmp_d(x.z, f); /* exact, infinities included: GMP compares the double's binary value */
    return c < 0 ? -1 : c > 0;
}

/* |z| rounded to the nearest double, ties to even (mpz_get_d truncates, CPython rounds). */
static double round_to_double(mpz_srcptr z, bool *overflow) {
    size_t bits = mpz_sizeinbase(z, 2);
    *overflow = false;
    if (bits <= 53) return fabs(mpz_get_d(z)); /* exact */
    if (bits > 1024) {
        *overflow = true;
        return 0.0;
    }
    /* Keep 54 bits (53 and a rounding bit); the bits below are the sticky bit. */
    mp_bitcnt_t shift = bits - 54;
    mpz_t top;
    mpz_init(top);
    mpz_tdiv_q_2exp(top, z, shift);
    mpz_abs(top, top);
    uint64_t kept = mpz_get_ui(top);
    mpz_clear(top);
    bool sticky = mpz_scan1(z, 0) < shift; /* the lowest set bit of |z| (two's complement agrees) */
    uint64_t mantissa = kept >> 1;
    if ((kept & 1) && (sticky || (mantissa & 1))) mantissa++;
    double d = ldexp((double)mantissa, (int)shift + 1);
    *overflow = isinf(d);
    return d;
}

bool bigint_to_double(Vm *vm, Value a, double *out) {
    IntView x;
    bigint_view(a, &x);
    bool overflow;
    double d = round_to_double(x.z, &overflow);
    if (overflow) return vm_raise(vm, EXC_OVERFLOW_ERROR, "int too large to convert to float");
    *out = mpz_sgn(x.z) < 0 ? -d : d;
    return true;
}

bool bigint_from_double(Vm *vm, double d, Value *result) {
    if (d > -9223372036854775808.0 && d < 9223372036854775808.0) {
        *result = int_value((int64_t)d);
        return true;
    }
    mpz_t z;
    mpz_init_set_d(z, d); /* truncates; a double this large is an integer anyway */
    bool ok = bigint_from_mpz(vm, z, result);
    mpz_clear(z);
    return ok;
}

/* --- Hash, bit_length, bit_count -------------------------------------------------------------------------- */

uint64_t bigint_hash(const ObjBigInt *big) {
    const uint64_t modulus = ((uint64_t)1 << 61) - 1; /* number.c's HASH_MODULUS */
    mpz_t z;
    mpz_roinit_n(z, (const mp_limb_t *)big->limbs, (mp_size_t)big->size);
    int64_t h = (int64_t)mpz_tdiv_ui(z, modulus); /* of the magnitude, as CPython's long_hash */
    if (big->size < 0) h = -h;
    return (uint64_t)(h == -1 ? -2 : h);
}

uint64_t bigint_bit_length(Value v) {
    IntView x;
    bigint_view(v, &x);
    return mpz_sgn(x.z) == 0 ? 0 : mpz_sizeinbase(x.z, 2);
}

uint64_t bigint_bit_count(Value v) {
    IntView x;
    bigint_view(v, &x);
    mpz_t magnitude;
    mpz_roinit_n(magnitude, mpz_limbs_read(x.z), (mp_size_t)mpz_size(x.z)); /* |v|, as CPython counts */
    return mpz_popcount(magnitude);
}

/* --- Text: int <-> str ------------------------------------------------------------------------------------ */

static bool is_power_of_two(int base) { return (base & (base - 1)) == 0; }

static bool too_many_digits_to_str(Vm *vm) {
    return vm_raise(vm, EXC_VALUE_ERROR,
                    "Exceeds the limit (%d digits) for integer string conversion; "
                    "use sys.set_int_max_str_digits() to increase the limit",
                    vm->int_max_str_digits);
}

bool bigint_write(Vm *vm, StrBuf *b, Value v, int base, const char *prefix) {
    IntView x;
    bigint_view(v, &x);
    size_t size = mpz_sizeinbase(x.z, base); /* exact, or one too many for base 10 */
    int limit = vm->int_max_str_digits;
    /* CPython 3.11 refuses before converting when the digits surely pass the limit (so a huge str() is
     * no long computation that --timeout could not stop), and checks the exact count after. */
    if (base == 10 && limit > 0 && size - 1 > (size_t)limit) return too_many_digits_to_str(vm);
    char *digits = VM_ALLOCATE(vm, char, size + 2);
    if (digits == NULL) return false;
    mpz_get_str(digits, base, x.z);
    size_t length = strlen(digits);
    bool negative = digits[0] == '-';
    bool ok = !(base == 10 && limit > 0 && length - negative > (size_t)limit);
    if (ok) {
        if (negative) strbuf_append(vm, b, "-", 1);
        strbuf_append_cstr(vm, b, prefix);
        strbuf_append(vm, b, digits + negative, length - negative);
    }
    VM_FREE_ARRAY(vm, char, digits, size + 2);
    return ok ? !b->failed : too_many_digits_to_str(vm);
}

bool bigint_check_str_digits(Vm *vm, const char *digits, size_t length, int base) {
    size_t ndigits = 0;
    for (size_t i = 0; i < length; i++) ndigits += digits[i] != '_';
    int limit = vm->int_max_str_digits;
    if (is_power_of_two(base) || limit == 0 || ndigits <= (size_t)limit) return true;
    return vm_raise(vm, EXC_VALUE_ERROR,
                    "Exceeds the limit (%d digits) for integer string conversion: value has %zu digits; "
                    "use sys.set_int_max_str_digits() to increase the limit",
                    limit, ndigits);
}

bool bigint_parse_digits(Vm *vm, const char *digits, size_t length, int base, bool negative, Value *result) {
    if (!bigint_check_str_digits(vm, digits, length, base)) return false;
    /* log2(36) < 6 bits a digit bounds the size before GMP allocates. */
    if (!bigint_check_limbs(vm, bigint_limbs_for_bits((uint64_t)length * 6))) return false;
    char *clean = VM_ALLOCATE(vm, char, length + 2);
    if (clean == NULL) return false;
    size_t n = 0;
    if (negative) clean[n++] = '-';
    for (size_t i = 0; i < length; i++) {
        if (digits[i] != '_') clean[n++] = digits[i];
    }
    clean[n] = '\0';
    mpz_t z;
    bool ok = mpz_init_set_str(z, clean, base) == 0; /* the caller checked the syntax: always true */
    VM_FREE_ARRAY(vm, char, clean, length + 2);
    ok = ok ? bigint_from_mpz(vm, z, result) : vm_raise(vm, EXC_VALUE_ERROR, "invalid int literal");
    mpz_clear(z);
    return ok;
}

bool bigint_parse_literal(Vm *vm, const char *text, size_t length, Value *result) {
    size_t i = 0;
    bool negative = length > 0 && text[0] == '-';
    i += negative;
    int base = 10;
    if (i + 1 < length && text[i] == '0') {
        char p = (char)(text[i + 1] | 32);
        base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
        if (base != 10) i += 2;
    }
    return bigint_parse_digits(vm, text + i, length - i, base, negative, result);
}

bool bigint_from_float(Vm *vm, double d, Value *result) {
    if (isinf(d)) return vm_raise(vm, EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer");
    if (isnan(d)) return vm_raise(vm, EXC_VALUE_ERROR, "cannot convert float NaN to integer");
    return bigint_from_double(vm, trunc(d), result);
}

/* --- Methods ---------------------------------------------------------------------------------------------- */

/* LOAD_METHOD finds these for inline ints and bools too (objects/protocol.c): int's methods live here. */
NATIVE(int_bit_length) {
    (void)kwnames;
    if (argc != 1) return vm_raise(vm, EXC_TYPE_ERROR, "int.bit_length() takes no arguments (%d given)", argc - 1);
    *result = int_value((int64_t)bigint_bit_length(args[0]));
    return true;
}

NATIVE(int_bit_count) {
    (void)kwnames;
    if (argc != 1) return vm_raise(vm, EXC_TYPE_ERROR, "int.bit_count() takes no arguments (%d given)", argc - 1);
    *result = int_value((int64_t)bigint_bit_count(args[0]));
    return true;
}

static const MethodDef bigint_methods[] = {
    {"bit_length", int_bit_length, false},
    {"bit_count", int_bit_count, false},
    {"to_bytes", int_to_bytes, METHOD_KEYWORDS},
    {"from_bytes", int_from_bytes, METHOD_CLASS | METHOD_KEYWORDS},
    {NULL, NULL, false},
};

/* --- Slots ------------------------------------------------------------------------------------------------ */

static void bigint_free(Vm *vm, Obj *obj) {
    int64_t size = ((ObjBigInt *)obj)->size;
    gc_free_object(vm, obj, sizeof(ObjBigInt) + sizeof(uint64_t) * (size_t)(size < 0 ? -size : size));
}

static bool bigint_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    return bigint_write(vm, b, self, 10, "");
}

static bool bigint_hash_slot(Vm *vm, Value self, uint64_t *hash) {
    (void)vm;
    *hash = bigint_hash(AS_BIGINT(self));
    return true;
}

/* == and < between numbers never reach a slot: protocol.c sends every number pair to number_compare. */
const TypeInfo bigint_type = {
    .name = "int",
    .free = bigint_free,
    .repr = bigint_repr,
    .hash = bigint_hash_slot,
    .methods = bigint_methods,
};
