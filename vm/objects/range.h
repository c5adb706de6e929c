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

extern const TypeInfo range_type;

#endif
