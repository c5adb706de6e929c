/* slice.h: Python's slice (a[start:stop:step]) and the index arithmetic sequences share (objects/slice.c).
 */
#ifndef cpvm_slice_h
#define cpvm_slice_h

#include "core/object.h"

typedef struct {
    Obj obj;
    Value start, stop, step; /* each an int or None (checked when the slice is used, as CPython does) */
} ObjSlice;

#define IS_SLICE(v) is_obj_type(v, OBJ_SLICE)
#define AS_SLICE(v) ((ObjSlice *)AS_OBJ(v))

ObjSlice *slice_new(Vm *vm, Value start, Value stop, Value step);

/* An int or bool used as an index (bool is an int subclass in Python). */
static inline bool index_value(Value v, int64_t *out) {
    if (IS_INT(v)) {
        *out = AS_INT(v);
        return true;
    }
    if (IS_BOOL(v)) {
        *out = AS_BOOL(v) ? 1 : 0;
        return true;
    }
    return false;
}

/* The selection a slice makes of a sequence of [length] items: CPython's PySlice_Unpack followed by
 * PySlice_AdjustIndices. A step of INT64_MIN becomes -INT64_MAX so that negating it cannot overflow. */
typedef struct {
    int64_t start, stop, step, count;
} SliceRange;
bool slice_adjust(Vm *vm, const ObjSlice *slice, int64_t length, SliceRange *r);

extern const TypeInfo slice_type;

#endif
