/* range_big.c: ranges whose numbers do not all fit 64 bits: range(2**70, 2**70 + 10, 3).
 *
 * A range is almost always small, and objects/range.c keeps those as three int64s that FOR_ITER steps
 * inline. When start, stop or step is a big int, the range is this second kind of the same Python type
 * (like int's two forms): its numbers are int Values of either form and every operation is big-int
 * arithmetic, so no fast path pays for it. CPython does the same split (range and longrange_iterator).
 * The length is computed once, when the range is made.
 */
#include <math.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

/* --- Int arithmetic on Values of either form --------------------------------------------------------------- */

static bool add(Vm *vm, Value a, Value b, Value *out) { return bigint_binary_op(vm, NB_ADD, a, b, out); }
static bool sub(Vm *vm, Value a, Value b, Value *out) { return bigint_binary_op(vm, NB_SUBTRACT, a, b, out); }
static bool mul(Vm *vm, Value a, Value b, Value *out) { return bigint_binary_op(vm, NB_MULTIPLY, a, b, out); }
static bool floordiv(Vm *vm, Value a, Value b, Value *out) {
    return bigint_binary_op(vm, NB_FLOOR_DIVIDE, a, b, out);
}
static int sign(Value v) { return bigint_compare(v, int_value(0)); }

/* CPython's compute_range_length: (hi - lo - 1) // step + 1 for step > 0 and lo < hi, and the mirror
 * for a negative step; else 0. */
static bool range_length_value(Vm *vm, Value start, Value stop, Value step, Value *length) {
    bool up = sign(step) > 0;
    Value lo = up ? start : stop, hi = up ? stop : start, span, count;
    if (bigint_compare(lo, hi) >= 0) {
        *length = int_value(0);
        return true;
    }
    Value magnitude = step;
    if (!up && !bigint_negate(vm, step, &magnitude)) return false;
    vm_push_root(vm, magnitude);
    bool ok = sub(vm, hi, lo, &span) && sub(vm, span, int_value(1), &span) &&
              floordiv(vm, span, magnitude, &count) && add(vm, count, int_value(1), length);
    vm_pop_root(vm);
    return ok;
}

/* --- Creation -------------------------------------------------------------------------------------------- */

/* range(start, stop, step) of int Values, step != 0: the small kind when all three fit int64. */
bool range_from_values(Vm *vm, Value start, Value stop, Value step, Value *result) {
    if (IS_INT(start) && IS_INT(stop) && IS_INT(step)) {
        ObjRange *r = range_new(vm, AS_INT(start), AS_INT(stop), AS_INT(step));
        if (r == NULL) return false;
        *result = obj_value(&r->obj);
        return true;
    }
    Value length;
    if (!range_length_value(vm, start, stop, step, &length)) return false;
    Value parts[4] = {start, stop, step, length};
    for (int i = 0; i < 4; i++) vm_push_root(vm, parts[i]);
    ObjBigRange *r = (ObjBigRange *)gc_allocate_object(vm, sizeof(ObjBigRange), OBJ_BIG_RANGE);
    for (int i = 0; i < 4; i++) vm_pop_root(vm);
    if (r == NULL) return false;
    r->start = start, r->stop = stop, r->step = step, r->length = length;
    *result = obj_value(&r->obj);
    return true;
}

static bool big_range_iter(Vm *vm, Value next, Value step, Value remaining, Value *iter) {
    Value parts[3] = {next, step, remaining};
    for (int i = 0; i < 3; i++) vm_push_root(vm, parts[i]);
    ObjBigRangeIter *it = (ObjBigRangeIter *)gc_allocate_object(vm, sizeof(ObjBigRangeIter), OBJ_BIG_RANGE_ITER);
    for (int i = 0; i < 3; i++) vm_pop_root(vm);
    if (it == NULL) return false;
    it->next = next, it->step = step, it->remaining = remaining;
    *iter = obj_value(&it->obj);
    return true;
}

/* The range of a range's elements [s] picks (CPython's compute_slice): start + s.start * step up to
 * start + s.stop * step, by step * s.step. */
/* The range start + first * step up to start + last * step, by step * by: what a slice picks of a range
 * of [start] and [step], once its indices are known (either form of int). */
static bool range_of_picks(Vm *vm, Value start, Value step, Value first, Value last, Value by, Value *result) {
    Value picks[3] = {first, last, by}, bounds[3];
    bool ok = true;
    for (int k = 0; k < 3; k++) {
        ok = ok && mul(vm, picks[k], step, &bounds[k]) && (k == 2 || add(vm, start, bounds[k], &bounds[k]));
        vm_push_root(vm, ok ? bounds[k] : int_value(0));
    }
    ok = ok && range_from_values(vm, bounds[0], bounds[1], bounds[2], result);
    for (int k = 0; k < 3; k++) vm_pop_root(vm);
    return ok;
}

bool range_slice_values(Vm *vm, Value start, Value step, const SliceRange *s, Value *result) {
    return range_of_picks(vm, start, step, int_value(s->start), int_value(s->stop), int_value(s->step), result);
}

/* reversed() of a range of [start], [step] and [length]: from the last element down, by -step. */
bool range_reversed_values(Vm *vm, Value start, Value step, Value length, Value *iter) {
    Value last, negated;
    if (!sub(vm, length, int_value(1), &last) || !mul(vm, last, step, &last)) return false;
    vm_push_root(vm, last);
    bool ok = add(vm, start, last, &last) && bigint_negate(vm, step, &negated);
    vm_pop_root(vm);
    if (!ok) return false;
    vm_push_root(vm, last);
    vm_push_root(vm, negated);
    ok = big_range_iter(vm, last, negated, length, iter);
    vm_pop_root(vm);
    vm_pop_root(vm);
    return ok;
}

/* --- Slots ----------------------------------------------------------------------------------------------- */

static bool big_range_len(Vm *vm, Value self, int64_t *length) {
    Value n = AS_BIG_RANGE(self)->length;
    if (!IS_INT(n)) return vm_raise(vm, EXC_OVERFLOW_ERROR, "Python int too large to convert to C ssize_t");
    *length = AS_INT(n);
    return true;
}

static bool big_range_truthy(Value self) { return sign(AS_BIG_RANGE(self)->length) != 0; }

/* One bound of a slice over a length past int64, clamped as CPython's _PySlice_GetLongIndices does. */
static bool slice_bound(Vm *vm, Value v, Value length, Value lower, Value upper, Value fallback, Value *out) {
    if (IS_NONE(v)) {
        *out = fallback;
        return true;
    }
    if (IS_BOOL(v)) v = int_value(AS_BOOL(v));
    if (!IS_INT(v) && !IS_BIGINT(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "slice indices must be integers or None or have an __index__ method");
    }
    if (sign(v) < 0 && !add(vm, v, length, &v)) return false;
    *out = bigint_compare(v, lower) < 0 ? lower : bigint_compare(v, upper) > 0 ? upper : v;
    return true;
}

/* r[a:b:c] of a range whose length does not fit int64 (range(-2**63, 2**63)[::-1]). */
static bool huge_slice(Vm *vm, Value start, Value step, Value length, const ObjSlice *slice, Value *result) {
    Value by = IS_NONE(slice->step) ? int_value(1) : IS_BOOL(slice->step) ? int_value(AS_BOOL(slice->step)) : slice->step;
    if (!IS_INT(by) && !IS_BIGINT(by)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "slice indices must be integers or None or have an __index__ method");
    }
    if (sign(by) == 0) return vm_raise(vm, EXC_VALUE_ERROR, "slice step cannot be zero");
    bool down = sign(by) < 0;
    Value lower = down ? int_value(-1) : int_value(0), upper = length, first = int_value(0), last = int_value(0);
    if (down && !sub(vm, length, int_value(1), &upper)) return false;
    vm_push_root(vm, upper);
    bool ok = slice_bound(vm, slice->start, length, lower, upper, down ? upper : lower, &first);
    vm_push_root(vm, first);
    ok = ok && slice_bound(vm, slice->stop, length, lower, upper, down ? lower : upper, &last);
    vm_push_root(vm, last);
    ok = ok && range_of_picks(vm, start, step, first, last, by, result);
    for (int k = 0; k < 3; k++) vm_pop_root(vm);
    return ok;
}

/* r[i] for an int i (either form), and r[a:b:c] as a range again, of a range of [start], [step] and
 * [length] in either kind. */
bool range_subscript_values(Vm *vm, Value start, Value step, Value length, Value index, Value *result) {
    if (IS_INT(index) || IS_BIGINT(index) || IS_BOOL(index)) {
        Value i = IS_BOOL(index) ? int_value(AS_BOOL(index)) : index;
        if (sign(i) < 0 && !add(vm, i, length, &i)) return false;
        if (sign(i) < 0 || bigint_compare(i, length) >= 0) {
            return vm_raise(vm, EXC_INDEX_ERROR, "range object index out of range");
        }
        return mul(vm, i, step, &i) && add(vm, start, i, result);
    }
    if (!IS_SLICE(index)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "range indices must be integers or slices, not %s", value_type_name(index));
    }
    if (!IS_INT(length)) return huge_slice(vm, start, step, length, AS_SLICE(index), result);
    SliceRange s;
    if (!slice_adjust(vm, AS_SLICE(index), AS_INT(length), &s)) return false;
    return range_slice_values(vm, start, step, &s, result);
}

static bool big_range_subscript(Vm *vm, Value self, Value index, Value *result) {
    ObjBigRange *r = AS_BIG_RANGE(self);
    return range_subscript_values(vm, r->start, r->step, r->length, index, result);
}

/* x in r: an int between the ends on the step's grid; an integral float as that int (CPython's generic
 * search compares elements with ==); nothing else equals an int. */
static int big_range_contains(Vm *vm, Value self, Value item) {
    ObjBigRange *r = AS_BIG_RANGE(self);
    if (IS_BOOL(item)) item = int_value(AS_BOOL(item));
    if (IS_FLOAT(item)) { /* == an element only when integral: compare as that int */
        double f = AS_FLOAT(item);
        if (f != floor(f) || isinf(f)) return 0;
        if (!bigint_from_float(vm, f, &item)) return -1;
    }
    if (!IS_INT(item) && !IS_BIGINT(item)) return 0;
    bool up = sign(r->step) > 0;
    int low = bigint_compare(item, r->start), high = bigint_compare(item, r->stop);
    if (up ? (low < 0 || high >= 0) : (low > 0 || high <= 0)) return 0;
    Value offset, rest;
    if (!sub(vm, item, r->start, &offset) ||
        !bigint_binary_op(vm, NB_REMAINDER, offset, r->step, &rest)) return -1;
    return sign(rest) == 0;
}

static bool big_range_get_iter(Vm *vm, Value self, Value *iter) {
    ObjBigRange *r = AS_BIG_RANGE(self);
    return big_range_iter(vm, r->start, r->step, r->length, iter);
}

static bool write_int(Vm *vm, StrBuf *b, Value v) { return value_write_repr(vm, b, v); }

static bool big_range_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    ObjBigRange *r = AS_BIG_RANGE(self);
    strbuf_append(vm, b, "range(", 6);
    bool ok = write_int(vm, b, r->start);
    strbuf_append(vm, b, ", ", 2);
    ok = ok && write_int(vm, b, r->stop);
    if (!(IS_INT(r->step) && AS_INT(r->step) == 1)) {
        strbuf_append(vm, b, ", ", 2);
        ok = ok && write_int(vm, b, r->step);
    }
    strbuf_append(vm, b, ")", 1);
    return ok && !b->failed;
}

/* Ranges are equal when they hold the same values: same length, and (when not empty) the same start
 * and (when longer than one) the same step. A big range never equals a small one but when both are
 * empty or hold one equal value. */
static bool range_parts(Vm *vm, Value v, Value *start, Value *step, Value *length) {
    if (IS_BIG_RANGE(v)) {
        ObjBigRange *r = AS_BIG_RANGE(v);
        *start = r->start, *step = r->step, *length = r->length;
        return true;
    }
    ObjRange *r = AS_RANGE(v);
    *start = int_value(r->start), *step = int_value(r->step);
    return range_length_value(vm, *start, int_value(r->stop), *step, length);
}

int big_range_equal(Vm *vm, Value a, Value b, int depth) {
    (void)depth;
    if (!IS_RANGE(a) && !IS_BIG_RANGE(a)) return 0;
    if (!IS_RANGE(b) && !IS_BIG_RANGE(b)) return 0;
    Value start_a, step_a, length_a, start_b, step_b, length_b;
    if (!range_parts(vm, a, &start_a, &step_a, &length_a)) return -1;
    vm_push_root(vm, length_a);
    bool ok = range_parts(vm, b, &start_b, &step_b, &length_b);
    vm_pop_root(vm);
    if (!ok) return -1;
    if (bigint_compare(length_a, length_b) != 0) return 0;
    if (sign(length_a) == 0) return 1;
    if (bigint_compare(start_a, start_b) != 0) return 0;
    return bigint_compare(length_a, int_value(1)) == 0 || bigint_compare(step_a, step_b) == 0;
}

static void big_range_mark(GcMarker *marker, Obj *obj) {
    ObjBigRange *r = (ObjBigRange *)obj;
    gc_mark_value(marker, r->start);
    gc_mark_value(marker, r->stop);
    gc_mark_value(marker, r->step);
    gc_mark_value(marker, r->length);
}

static void big_range_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjBigRange)); }

const TypeInfo big_range_type = {
    .name = "range",
    .free = big_range_free,
    .mark = big_range_mark,
    .repr = big_range_repr,
    .equal = range_equal_slot, /* the small kind's too: the two compare across kinds */
    .truthy = big_range_truthy,
    .len = big_range_len,
    .subscript = big_range_subscript,
    .contains = big_range_contains,
    .get_iter = big_range_get_iter,
};

/* --- The iterator ---------------------------------------------------------------------------------------- */

static int big_range_iter_next(Vm *vm, Value self, Value *item) {
    ObjBigRangeIter *it = AS_BIG_RANGE_ITER(self);
    if (sign(it->remaining) == 0) return 0;
    Value next, remaining;
    if (!add(vm, it->next, it->step, &next)) return -1;
    vm_push_root(vm, next);
    bool ok = sub(vm, it->remaining, int_value(1), &remaining);
    vm_pop_root(vm);
    if (!ok) return -1;
    *item = it->next;
    it->next = next;
    it->remaining = remaining;
    return 1;
}

static bool big_range_iter_get_iter(Vm *vm, Value self, Value *iter) {
    (void)vm;
    *iter = self;
    return true;
}

static void big_range_iter_mark(GcMarker *marker, Obj *obj) {
    ObjBigRangeIter *it = (ObjBigRangeIter *)obj;
    gc_mark_value(marker, it->next);
    gc_mark_value(marker, it->step);
    gc_mark_value(marker, it->remaining);
}

static void big_range_iter_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjBigRangeIter)); }

static bool big_range_iter_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    strbuf_append_format(vm, b, "<longrange_iterator object at %p>", (void *)AS_OBJ(self));
    return !b->failed;
}

const TypeInfo big_range_iter_type = {
    .name = "longrange_iterator",
    .free = big_range_iter_free,
    .mark = big_range_iter_mark,
    .repr = big_range_iter_repr,
    .get_iter = big_range_iter_get_iter,
    .next = big_range_iter_next,
};
