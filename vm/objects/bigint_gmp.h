/* bigint_gmp.h: the GMP-level interface to ints, for the files that compute with them (objects/bigint.c,
 * objects/bigint_ops.c, modules/math.c). The rest of cpvm includes only bigint.h, which needs no gmp.h.
 *
 * The pattern of every operation: view the operands (IntView, no copy), bound the result's size
 * (bigint_check_limbs: MemoryError instead of GMP's abort), compute into a scratch mpz, and turn it into
 * a Value (bigint_from_mpz, which normalises: int64 range gives VAL_INT). Views point into GC objects,
 * which never move; the operands must stay reachable (the caller's stack or vm_push_root) until the
 * result is made, because making it may collect.
 */
#ifndef cpvm_bigint_gmp_h
#define cpvm_bigint_gmp_h

#include <gmp.h>

#include "objects/bigint.h"

_Static_assert(sizeof(mp_limb_t) == sizeof(uint64_t), "ObjBigInt stores GMP limbs as uint64_t");

/* A read-only mpz over an int of either form (or a bool); [limb] holds a small int's magnitude, so a
 * view must not be copied once made. */
typedef struct {
    mpz_t z;
    mp_limb_t limb;
} IntView;

void bigint_view(Value v, IntView *view);
/* [z] as an int Value: VAL_INT when it fits in int64, else a new ObjBigInt. False with MemoryError. */
bool bigint_from_mpz(Vm *vm, mpz_srcptr z, Value *result);
/* Whether a result of up to [limbs] limbs may be computed: false with MemoryError when it (and GMP's
 * scratch copy) would pass --max-memory, or passes BIGINT_MAX_LIMBS. */
bool bigint_check_limbs(Vm *vm, uint64_t limbs);
/* The limbs a number of [bits] bits takes. */
static inline uint64_t bigint_limbs_for_bits(uint64_t bits) { return bits / 64 + 1; }

/* cpvm's largest int: 2**34 bits (2 GiB of limbs, about 5 billion decimal digits). Beyond it malloc
 * would fail inside GMP, which aborts instead of returning. */
#define BIGINT_MAX_LIMBS ((uint64_t)1 << 28)

/* int.to_bytes and the class method int.from_bytes (objects/int_bytes.c), in int's method table. */
bool int_to_bytes(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool int_from_bytes(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);

#endif
