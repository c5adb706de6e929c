/* int_bytes.c: int.to_bytes and the class method int.from_bytes, with CPython 3.11's defaults
 * (length=1, byteorder='big', signed=False), argument parsing and messages.
 *
 * Both go through a magnitude in big-endian order (GMP's mpz_export/mpz_import) and fix up the sign as
 * two's complement over the whole buffer, then reverse for 'little'.
 */
#include <string.h>

#include "core/vm.h"
#include "objects/args.h"
#include "objects/bigint_gmp.h"
#include "objects/bytes.h"
#include "objects/object.h"

/* Argument Clinic's parsing of (a, b, *, signed): positional ones into values[0..1], keywords by name;
 * values not given stay VAL_UNDEF. [required] positional-or-keyword ones must be given. args[0] is the
 * int (or the type, for from_bytes) and is not counted. */
static bool parse_args(Vm *vm, const char *function, const char *const *names, int required, Value *args,
                       int argc, ObjTuple *kwnames, Value *values) {
    int npos = positional_count(argc, kwnames) - 1;
    if (npos > 2) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes at most 2 positional arguments (%d given)", function,
                        npos);
    }
    for (int i = 0; i < 3; i++) values[i] = undef_value();
    if (!keyword_args(vm, function, args, argc, kwnames, names, values)) return false;
    for (int i = 0; i < npos; i++) {
        if (!IS_UNDEF(values[i])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "argument for %s() given by name ('%s') and position (%d)",
                            function, names[i], i + 1);
        }
        values[i] = args[1 + i];
    }
    for (int i = 0; i < required; i++) {
        if (IS_UNDEF(values[i])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "%s() missing required argument '%s' (pos %d)", function,
                            names[i], i + 1);
        }
    }
    return true;
}

/* 'little' or 'big' (the default when not given); CPython checks the type in the parser. */
static bool byteorder_arg(Vm *vm, const char *function, Value v, bool *little) {
    *little = false;
    if (IS_UNDEF(v)) return true;
    if (!IS_STRING(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s() argument 'byteorder' must be str, not %s", function,
                        value_type_name(v));
    }
    const char *s = AS_STRING(v)->chars;
    if (strcmp(s, "little") == 0 && AS_STRING(v)->length == 6) *little = true;
    else if (!(strcmp(s, "big") == 0 && AS_STRING(v)->length == 3)) {
        return vm_raise(vm, EXC_VALUE_ERROR, "byteorder must be either 'little' or 'big'");
    }
    return true;
}

static void reverse_bytes(unsigned char *p, size_t n) {
    for (size_t i = 0; i < n / 2; i++) {
        unsigned char t = p[i];
        p[i] = p[n - 1 - i];
        p[n - 1 - i] = t;
    }
}

/* Two's complement negation of a big-endian buffer in place: invert, then add one from the end. */
static void negate_bytes(unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)~p[i];
    for (size_t i = n; i-- > 0;) {
        if (++p[i] != 0) break;
    }
}

/* Whether [x] fits in [length] bytes, with _PyLong_AsByteArray's errors. */
static bool fits_in_bytes(Vm *vm, mpz_srcptr x, int64_t length, bool is_signed) {
    int sign = mpz_sgn(x);
    if (sign < 0 && !is_signed) return vm_raise(vm, EXC_OVERFLOW_ERROR, "can't convert negative int to unsigned");
    int64_t bits;
    if (sign >= 0) {
        bits = sign == 0 ? 0 : (int64_t)mpz_sizeinbase(x, 2);
    } else { /* -2**(8n-1) fits: count the bits of |x| - 1 */
        mpz_t m;
        mpz_init(m);
        mpz_neg(m, x);
        mpz_sub_ui(m, m, 1);
        bits = mpz_sgn(m) == 0 ? 0 : (int64_t)mpz_sizeinbase(m, 2);
        mpz_clear(m);
    }
    int64_t room = 8 * length - (is_signed ? 1 : 0);
    if (bits > room) return vm_raise(vm, EXC_OVERFLOW_ERROR, "int too big to convert");
    return true;
}

/* int.to_bytes(length=1, byteorder='big', *, signed=False) */
bool int_to_bytes(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    static const char *const names[] = {"length", "byteorder", "signed", NULL};
    Value values[3];
    if (!parse_args(vm, "to_bytes", names, 0, args, argc, kwnames, values)) return false;
    int64_t length = 1;
    if (!IS_UNDEF(values[0]) && !int_arg(vm, values[0], &length)) return false;
    bool little;
    if (!byteorder_arg(vm, "to_bytes", values[1], &little)) return false;
    bool is_signed = !IS_UNDEF(values[2]) && value_bool(values[2]);
    if (length < 0) return vm_raise(vm, EXC_VALUE_ERROR, "length argument must be non-negative");
    /* CPython allocates the bytes before converting: a length too large is MemoryError even for 0. */
    if ((uint64_t)length > UINT32_MAX - 1) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    IntView x;
    bigint_view(args[0], &x);
    if (!fits_in_bytes(vm, x.z, length, is_signed)) return false;
    size_t n = (size_t)length;
    unsigned char *p = VM_ALLOCATE(vm, unsigned char, n + 1); /* a scratch buffer: bytes are immutable */
    if (p == NULL) return false;
    memset(p, 0, n + 1);
    size_t used = mpz_sgn(x.z) == 0 ? 0 : (mpz_sizeinbase(x.z, 2) + 7) / 8;
    if (used > 0) mpz_export(p + n - used, NULL, 1, 1, 1, 0, x.z); /* |x|, big-endian */
    if (mpz_sgn(x.z) < 0) negate_bytes(p, n);
    if (little) reverse_bytes(p, n);
    ObjBytes *bytes = bytes_copy(vm, (const char *)p, n);
    VM_FREE_ARRAY(vm, unsigned char, p, n + 1);
    if (bytes == NULL) return false;
    *result = obj_value(&bytes->obj);
    return true;
}

/* PyObject_Bytes of from_bytes' argument: bytes-likes as they are, iterables of ints through bytes();
 * an int or a str (which bytes() would take as a size or text) is refused. */
static bool bytes_of(Vm *vm, Value v, Value *out) {
    if (is_byteslike(v)) {
        *out = v;
        return true;
    }
    if (IS_STRING(v) || is_integer(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "cannot convert '%s' object to bytes", value_type_name(v));
    }
    return builtin_bytes(vm, &v, 1, NULL, out);
}

/* int.from_bytes(bytes, byteorder='big', *, signed=False); args[0] is the type. */
bool int_from_bytes(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    static const char *const names[] = {"bytes", "byteorder", "signed", NULL};
    Value values[3];
    if (!parse_args(vm, "from_bytes", names, 1, args, argc, kwnames, values)) return false;
    bool little;
    if (!byteorder_arg(vm, "from_bytes", values[1], &little)) return false;
    bool is_signed = !IS_UNDEF(values[2]) && value_bool(values[2]);
    Value data;
    if (!bytes_of(vm, values[0], &data)) return false;
    vm_push_root(vm, data);
    ByteView view = byte_view(data);
    bool ok = bigint_check_limbs(vm, bigint_limbs_for_bits((uint64_t)view.length * 8));
    if (ok) {
        mpz_t z;
        mpz_init(z);
        if (view.length > 0) mpz_import(z, view.length, little ? -1 : 1, 1, 1, 0, view.data);
        unsigned char top = view.length == 0 ? 0 : (unsigned char)view.data[little ? view.length - 1 : 0];
        if (is_signed && (top & 0x80)) { /* two's complement: subtract 2**(8n) */
            mpz_t power;
            mpz_init(power);
            mpz_setbit(power, (mp_bitcnt_t)view.length * 8);
            mpz_sub(z, z, power);
            mpz_clear(power);
        }
        ok = bigint_from_mpz(vm, z, result);
        mpz_clear(z);
    }
    vm_pop_root(vm);
    /* Through a subtype (bool.from_bytes) the result is that type called on the int, as in CPython. */
    if (ok && IS_TYPE_OBJECT(args[0]) && AS_TYPE_OBJECT(args[0]) != vm->value_type_objects[VAL_INT]) {
        Value n = *result;
        ok = vm->call_value(vm, args[0], &n, 1, NULL, result);
    }
    return ok;
}
