/* range.h: Python's range: an arithmetic progression, stored as its three numbers (objects/range.c).
 */
#ifndef cpvm_range_h
#define cpvm_range_h

#include "core/object.h"

typedef struct {
    Obj obj;
    int64_t start, stop, step; /* step != 0 */
} ObjRange;

#define IS_RANGE(v) is_obj_type(v, OBJ_RANGE)
#define AS_RANGE(v) ((ObjRange *)AS_OBJ(v))

ObjRange *range_new(Vm *vm, int64_t start, int64_t stop, int64_t step);
/* Number of values; __int128 because range(-2**63, 2**63 - 1) holds 2**64 - 1 of them. */
__int128 range_count(const ObjRange *r);
/* The length as len() reports it: OverflowError when it does not fit an int64, as in CPython. */
bool range_length(Vm *vm, const ObjRange *range, int64_t *out);

/* A range whose start, stop or step is a big int (objects/range_big.c): int Values of either form, and
 * its length. Python sees one type, range; only the small kind has FOR_ITER's inline fast path. */
typedef struct {
    Obj obj;
    Value start, stop, step, length; /* step != 0; length >= 0 */
} ObjBigRange;

/* iter() of a big range: CPython's longrange_iterator. */
typedef struct {
    Obj obj;
    Value next, step, remaining;
} ObjBigRangeIter;

#define IS_BIG_RANGE(v) is_obj_type(v, OBJ_BIG_RANGE)
#define AS_BIG_RANGE(v) ((ObjBigRange *)AS_OBJ(v))
#define AS_BIG_RANGE_ITER(v) ((ObjBigRangeIter *)AS_OBJ(v))

/* range(start, stop, step) of ints of either form (step != 0): small when all three fit int64. */
bool range_from_values(Vm *vm, Value start, Value stop, Value step, Value *result);
/* The range a slice [s] (adjusted to the length) picks from a range of [start] and [step]. */
bool range_slice_values(Vm *vm, Value start, Value step, const SliceRange *s, Value *result);
/* r[index] of a range of [start], [step] and [length] of either kind. */
bool range_subscript_values(Vm *vm, Value start, Value step, Value length, Value index, Value *result);
/* reversed() of a range of [start], [step] and [length] of either kind (a longrange_iterator). */
bool range_reversed_values(Vm *vm, Value start, Value step, Value length, Value *iter);
/* A range's length as an int Value (big past int64). */
bool range_length_as_value(Vm *vm, const ObjRange *range, Value *length);
/* == between ranges of either kind (both kinds' equal slot, so they compare across kinds). */
int range_equal_slot(Vm *vm, Value a, Value b, int depth);
int big_range_equal(Vm *vm, Value a, Value b, int depth);

extern const TypeInfo range_type, big_range_type, big_range_iter_type;

#endif
