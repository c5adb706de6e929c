/* slice.c: Python's slice, and the index arithmetic that list, tuple, str and range slicing share.
 */
#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"
#include "objects/sequence.h"

ObjSlice *slice_new(Vm *vm, Value start, Value stop, Value step) {
    ObjSlice *slice = (ObjSlice *)gc_allocate_object(vm, sizeof(ObjSlice), OBJ_SLICE);
    if (slice == NULL) return NULL;
    slice->start = start;
    slice->stop = stop;
    slice->step = step;
    return slice;
}

static bool slice_part(Vm *vm, Value v, int64_t missing, int64_t *out) {
    if (IS_NONE(v)) {
        *out = missing;
        return true;
    }
    if (index_value(v, out)) return true;
    vm_raise(vm, EXC_TYPE_ERROR, "slice indices must be integers or None or have an __index__ method");
    return false;
}

static void clamp_index(int64_t *index, int64_t length, int64_t step) {
    if (*index < 0) {
        *index += length;
        if (*index < 0) *index = step < 0 ? -1 : 0;
    } else if (*index >= length) {
        *index = step < 0 ? length - 1 : length;
    }
}

bool slice_adjust(Vm *vm, const ObjSlice *slice, int64_t length, SliceRange *r) {
    if (!slice_part(vm, slice->step, 1, &r->step)) return false;
    if (r->step == 0) return vm_raise(vm, EXC_VALUE_ERROR, "slice step cannot be zero");
    if (r->step == INT64_MIN) r->step = -INT64_MAX;
    if (!slice_part(vm, slice->start, r->step < 0 ? INT64_MAX : 0, &r->start)) return false;
    if (!slice_part(vm, slice->stop, r->step < 0 ? INT64_MIN : INT64_MAX, &r->stop)) return false;
    clamp_index(&r->start, length, r->step);
    clamp_index(&r->stop, length, r->step);
    r->count = 0;
    if (r->step < 0) {
        if (r->stop < r->start) r->count = (r->start - r->stop - 1) / (-r->step) + 1;
    } else if (r->start < r->stop) {
        r->count = (r->stop - r->start - 1) / r->step + 1;
    }
    return true;
}

static void slice_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjSlice)); }

static void slice_mark(GcMarker *marker, Obj *obj) {
    ObjSlice *slice = (ObjSlice *)obj;
    gc_mark_value(marker, slice->start);
    gc_mark_value(marker, slice->stop);
    gc_mark_value(marker, slice->step);
}

/* slice(start, stop, step): the parts may be any values once slice() is called directly. */
static bool slice_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    ObjSlice *s = AS_SLICE(self);
    strbuf_append_cstr(vm, b, "slice(");
    bool ok = value_write_repr_in(vm, b, s->start, scope);
    strbuf_append(vm, b, ", ", 2);
    ok = ok && value_write_repr_in(vm, b, s->stop, scope);
    strbuf_append(vm, b, ", ", 2);
    ok = ok && value_write_repr_in(vm, b, s->step, scope);
    strbuf_append(vm, b, ")", 1);
    return ok && !b->failed;
}

/* A slice compares as the tuple (start, stop, step), as CPython's slice_richcompare. */
static int slice_equal(Vm *vm, Value a, Value b, int depth) {
    return sequence_equal(vm, &AS_SLICE(a)->start, 3, &AS_SLICE(b)->start, 3, depth);
}

static int slice_compare(Vm *vm, int op, Value a, Value b, int depth) {
    return sequence_compare(vm, op, &AS_SLICE(a)->start, 3, &AS_SLICE(b)->start, 3, depth);
}

const TypeInfo slice_type = {
    .name = "slice",
    .free = slice_free,
    .mark = slice_mark,
    .repr = slice_repr,
    .equal = slice_equal,
    .compare = slice_compare,
};
