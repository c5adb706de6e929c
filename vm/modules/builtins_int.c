/* builtins_int.c: hex(), oct(), bin() and round() of an int, for ints of any size (objects/bigint.h).
 */
#include "core/vm.h"
#include "modules/builtins_int.h"
#include "objects/args.h"
#include "objects/bigint_gmp.h"
#include "objects/object.h"

/* hex, oct and bin: the int in [base] after a sign and [prefix], as CPython's long_format_binary. */
static bool int_in_base(Vm *vm, const char *name, Value *args, int argc, int base, const char *prefix,
                        Value *result) {
    if (!exactly_one(vm, name, argc)) return false;
    if (!is_integer(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", value_type_name(args[0]));
    }
    StrBuf b;
    strbuf_init(&b);
    if (!bigint_write(vm, &b, args[0], base, prefix)) {
        strbuf_free(vm, &b);
        return false;
    }
    return strbuf_result(vm, &b, result);
}

bool builtin_hex(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return int_in_base(vm, "hex", args, argc, 16, "0x", result);
}

bool builtin_oct(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return int_in_base(vm, "oct", args, argc, 8, "0o", result);
}

bool builtin_bin(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return int_in_base(vm, "bin", args, argc, 2, "0b", result);
}

bool int_round(Vm *vm, Value x, Value ndigits, Value *result) {
    if (!is_integer(ndigits)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", value_type_name(ndigits));
    }
    IntView v, n;
    bigint_view(x, &v);
    bigint_view(ndigits, &n);
    if (mpz_sgn(n.z) >= 0) return bigint_from_mpz(vm, v.z, result); /* round(True) is 1 */
    /* 10**k > 2|x| rounds to 0; |x| < 2**bits <= 10**(bits * 0.302) spares computing a huge power. */
    uint64_t bits = mpz_sizeinbase(v.z, 2);
    if (mpz_cmp_ui(n.z, 0) < 0 && (!mpz_fits_slong_p(n.z) || (uint64_t)-mpz_get_si(n.z) > bits / 3 + 2)) {
        *result = int_value(0);
        return true;
    }
    unsigned long k = (unsigned long)-mpz_get_si(n.z);
    if (!bigint_check_limbs(vm, 2 * (mpz_size(v.z) + 1))) return false;
    mpz_t unit, q, r;
    mpz_inits(unit, q, r, NULL);
    mpz_ui_pow_ui(unit, 10, k);
    mpz_fdiv_qr(q, r, v.z, unit);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, unit);
    if (c > 0 || (c == 0 && mpz_odd_p(q))) mpz_add_ui(q, q, 1); /* half to even */
    mpz_mul(q, q, unit);
    bool ok = bigint_from_mpz(vm, q, result);
    mpz_clears(unit, q, r, NULL);
    return ok;
}
