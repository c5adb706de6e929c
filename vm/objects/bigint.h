/* bigint.h: Python's int beyond 64 bits (objects/bigint.c, bigint_ops.c), built on GMP.
 *
 * An int has two forms, and exactly one for each number: a value in int64 range is ALWAYS the inline
 * VAL_INT, and an ObjBigInt holds only values outside it. Every operation normalises its result, so ==,
 * hash and dict keys never meet two forms of one number, and the instruction bodies' int fast paths stay
 * what they were: a big int only appears when an int64 operation overflows (the slow path, rt_binary_op).
 *
 * The limbs live inside the object, in memory the collector owns and counts, so --max-memory covers them.
 * GMP only ever sees them through read-only mpz views (mpz_roinit_n); results are computed in GMP's own
 * scratch mpz (malloc, freed before the operation returns) and copied into a new object. GMP aborts when
 * malloc fails, so every operation first bounds its result's size and raises MemoryError if that would
 * pass the VM's limit (bigint_gmp.h). Nothing here is process-global: two VMs on two threads share only
 * GMP's reentrant code.
 *
 * This header needs no gmp.h (the stencils include it through objects/object.h); bigint_gmp.h is the
 * GMP-level interface for the files that compute (bigint*.c, modules/math.c).
 */
#ifndef cpvm_bigint_h
#define cpvm_bigint_h

#include "core/object.h"

typedef struct ObjBigInt {
    Obj obj;
    int64_t size;      /* limb count, negated for a negative value (GMP's mpz convention); |size| >= 1 */
    uint64_t limbs[];  /* the magnitude, least significant limb first; the top limb is never 0 */
} ObjBigInt;

#define IS_BIGINT(v) is_obj_type(v, OBJ_BIGINT)
#define AS_BIGINT(v) ((ObjBigInt *)AS_OBJ(v))

/* CPython 3.11's default limit on decimal digits in int<->str conversions (sys.set_int_max_str_digits),
 * and the smallest non-zero limit it accepts. */
#define BIGINT_DEFAULT_MAX_STR_DIGITS 4300
#define BIGINT_MIN_MAX_STR_DIGITS 640

/* --- Arithmetic (bigint_ops.c): [a] and [b] are ints of either form, or bools ---------------------------- */

/* a <op> b for a NB_* operator without its in-place bit; false with the error set. */
bool bigint_binary_op(Vm *vm, int op, Value a, Value b, Value *result);
bool bigint_negate(Vm *vm, Value a, Value *result);
bool bigint_invert(Vm *vm, Value a, Value *result);
bool bigint_abs(Vm *vm, Value a, Value *result);
/* pow(base, exp, mod) with Python's rules (a negative exp means the modular inverse). */
bool bigint_pow_mod(Vm *vm, Value base, Value exp, Value mod, Value *result);
/* a / b as a correctly rounded double (CPython's long_true_divide). */
bool bigint_true_divide(Vm *vm, Value a, Value b, double *out);

/* --- Conversions and comparison (bigint.c) --------------------------------------------------------------- */

/* Three-way comparison of two ints (either form) as -1/0/1. */
int bigint_compare(Value a, Value b);
/* Sign of a - f for an int [a] and a finite or infinite double (not nan), exactly. */
int bigint_compare_double(Value a, double f);
/* float(a), correctly rounded; OverflowError "int too large to convert to float". */
bool bigint_to_double(Vm *vm, Value a, double *out);
/* The int equal to trunc([d]), which must be finite. */
bool bigint_from_double(Vm *vm, double d, Value *result);
/* int(x) of a float: trunc(d) as an int, or int()'s OverflowError / ValueError for inf and nan. */
bool bigint_from_float(Vm *vm, double d, Value *result);
/* Whether [length] characters of digits and underscores in [base] pass the decimal digit limit
 * (sys.set_int_max_str_digits; bases that are powers of two have none, as in CPython 3.11). */
bool bigint_check_str_digits(Vm *vm, const char *digits, size_t length, int base);
/* The int that [digits] (digits of [base] 2..36 and single underscores between them, already checked by
 * the caller) spell, negated when [negative]. Applies the digit limit. */
bool bigint_parse_digits(Vm *vm, const char *digits, size_t length, int base, bool negative, Value *result);
/* The int a Python source or .cpasm literal spells: an optional '-', decimal or 0x/0o/0b, underscores. */
bool bigint_parse_literal(Vm *vm, const char *text, size_t length, Value *result);
/* Writes [v] in [base] 2, 8, 10 or 16, with [prefix] (hex() and friends: "0x") after the sign. Base 10
 * applies the digit limit: ValueError "Exceeds the limit (4300 digits) ...". */
bool bigint_write(Vm *vm, StrBuf *b, Value v, int base, const char *prefix);
/* A big int from 64-bit limbs (least significant first) and a sign: the .cpb reader's constants. */
bool bigint_from_limbs(Vm *vm, const uint64_t *limbs, int64_t count, bool negative, Value *result);
/* Python's hash of a big int: its magnitude mod 2**61 - 1, with its sign. */
uint64_t bigint_hash(const ObjBigInt *big);
/* int.bit_length() and int.bit_count() of any int. */
uint64_t bigint_bit_length(Value v);
uint64_t bigint_bit_count(Value v);

extern const TypeInfo bigint_type;

#endif
