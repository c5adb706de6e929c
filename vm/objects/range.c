/* range.c: Python's range: an arithmetic progression stored as start, stop and step, and its slots.
 *
 * Nothing is materialised: indexing, slicing (a range again), `in` and == compute from the three numbers.
 * Lengths use __int128, since range(-2**63, 2**63 - 1) holds 2**64 - 1 values.
 */
#include <math.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

ObjRange *range_new(Vm *vm, int64_t start, int64_t stop, int64_t step) {
    ObjRange *range = (ObjRange *)gc_allocate_object(vm, sizeof(ObjRange), OBJ_RANGE);
    if (range == NULL) return NULL;
    range->start = start;
    range->stop = stop;
    range->step = step;
    return range;
}

__int128 range_count(const ObjRange *r) {
    __int128 start = r->start, stop = r->stop, step = r->step;
    if (step > 0 && start < stop) return (stop - start - 1) / step + 1;
    if (step < 0 && start > stop) return (start - stop - 1) / -step + 1;
    return 0;
}

bool range_length(Vm *vm, const ObjRange *range, int64_t *out) {
    __int128 lo = range->start, hi = range->stop, step = range->step, n = 0;
    if (step > 0 && lo < hi) n = (hi - lo - 1) / step + 1;
    if (step < 0 && hi < lo) n = (lo - hi - 1) / -step + 1;
    if (n > INT64_MAX) {
        vm_raise(vm, EXC_OVERFLOW_ERROR, "Python int too large to convert to C ssize_t");
        return false;
    }
    *out = (int64_t)n;
    return true;
}

bool range_length_as_value(Vm *vm, const ObjRange *range, Value *length) {
    __int128 count = range_count(range);
    if (count <= INT64_MAX) {
        *length = int_value((int64_t)count);
        return true;
    }
    uint64_t limb = (uint64_t)count; /* at most 2**64 - 1 */
    return bigint_from_limbs(vm, &limb, 1, false, length);
}

static bool range_subscr(Vm *vm, ObjRange *range, Value index, Value *result) {
    __int128 count = range_count(range);
    if (count > INT64_MAX) { /* range(-2**63, 2**63 - 1)[-1]: a length past int64, so big-int arithmetic */
        Value length;
        if (!range_length_as_value(vm, range, &length)) return false;
        vm_push_root(vm, length);
        bool ok = range_subscript_values(vm, int_value(range->start), int_value(range->step), length, index, result);
        vm_pop_root(vm);
        return ok;
    }
    int64_t length = (int64_t)count;
    int64_t i;
    if (index_value(index, &i)) {
        if (i < 0) i += length;
        if (i < 0 || i >= length) return vm_raise(vm, EXC_INDEX_ERROR, "range object index out of range");
        *result = int_value((int64_t)((__int128)range->start + (__int128)i * range->step));
        return true;
    }
    if (!IS_SLICE(index)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "range indices must be integers or slices, not %s",
                        value_type_name(index));
    }
    /* A slice of a range is a range: CPython's compute_slice. */
    SliceRange r;
    if (!slice_adjust(vm, AS_SLICE(index), length, &r)) return false;
    __int128 start = (__int128)range->start + (__int128)r.start * range->step;
    __int128 stop = (__int128)range->start + (__int128)r.stop * range->step;
    __int128 step = (__int128)range->step * r.step;
    if (start < INT64_MIN || start > INT64_MAX || stop < INT64_MIN || stop > INT64_MAX || step < INT64_MIN ||
        step > INT64_MAX) { /* past int64 (range(2**63 - 1)[::-1] steps to -2**63 - 1): the big kind */
        return range_slice_values(vm, int_value(range->start), int_value(range->step), &r, result);
    }
    ObjRange *out = range_new(vm, (int64_t)start, (int64_t)stop, (int64_t)step);
    if (out == NULL) return false;
    *result = obj_value(&out->obj);
    return true;
}

static bool range_subscript(Vm *vm, Value self, Value index, Value *result) {
    return range_subscr(vm, AS_RANGE(self), index, result);
}

static bool range_contains(const ObjRange *r, Value item) {
    int64_t x;
    if (is_intlike(item)) {
        x = as_intlike(item);
    } else if (IS_FLOAT(item)) {
        /* 1.0 in range(3): CPython compares element by element with ==, so only integral floats match. */
        double f = AS_FLOAT(item);
        if (f != trunc(f) || !(f >= -9223372036854775808.0 && f < 9223372036854775808.0)) return false;
        x = (int64_t)f;
    } else {
        return false; /* no other type is == to an int */
    }
    __int128 start = r->start, stop = r->stop, step = r->step, v = x;
    if (step > 0 ? (v < start || v >= stop) : (v > start || v <= stop)) return false;
    return (v - start) % step == 0;
}

static int range_contains_slot(Vm *vm, Value self, Value item) {
    (void)vm;
    return range_contains(AS_RANGE(self), item);
}

static bool range_equal(const ObjRange *a, const ObjRange *b) {
    __int128 n = range_count(a);
    if (n != range_count(b)) return false;
    if (n == 0) return true;
    if (a->start != b->start) return false;
    return n == 1 || a->step == b->step;
}

int range_equal_slot(Vm *vm, Value a, Value b, int depth) {
    if (IS_RANGE(a) && IS_RANGE(b)) return range_equal(AS_RANGE(a), AS_RANGE(b));
    return big_range_equal(vm, a, b, depth);
}

static void range_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjRange)); }

static bool range_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    ObjRange *r = AS_RANGE(self);
    strbuf_append_format(vm, b, "range(%lld, %lld", (long long)r->start, (long long)r->stop);
    if (r->step != 1) strbuf_append_format(vm, b, ", %lld", (long long)r->step);
    strbuf_append(vm, b, ")", 1);
    return !b->failed;
}

static bool range_truthy(Value self) { return range_count(AS_RANGE(self)) != 0; }

static bool range_len(Vm *vm, Value self, int64_t *length) { return range_length(vm, AS_RANGE(self), length); }

static bool range_get_iter(Vm *vm, Value self, Value *iter) {
    ObjRange *r = AS_RANGE(self);
    ObjRangeIter *it = range_iter_new(vm, r->start, r->stop, r->step);
    if (it == NULL) return false;
    *iter = obj_value(&it->obj);
    return true;
}

const TypeInfo range_type = {
    .name = "range",
    .free = range_free,
    .repr = range_repr,
    .equal = range_equal_slot,
    .truthy = range_truthy,
    .len = range_len,
    .subscript = range_subscript,
    .contains = range_contains_slot,
    .get_iter = range_get_iter,
};
