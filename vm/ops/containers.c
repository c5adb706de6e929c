/* containers.c: indexing, slicing, building, unpacking and iterating list, tuple, str and range.
 *
 * The bodies in instructions.h call these once their inline fast paths (list[int], range iteration)
 * decline; builtins.c walks iterables through rt_get_iter/rt_for_iter. Semantics and messages follow
 * CPython 3.11. Invariants: str indices count code points, but an ObjIter over a str holds a byte offset;
 * a range ObjIter has seq None and keeps its state in index/stop/step (FOR_ITER steps it inline).
 */
#include <string.h>

#include "core/unicode.h"
#include "ops/runtime.h"

/* --- Indices and slices -------------------------------------------------------------------------------- */

/* An int or bool used as an index (bool is an int subclass in Python). */
static bool get_index(Value v, int64_t *out) {
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

static bool slice_part(Vm *vm, Value v, int64_t missing, int64_t *out) {
    if (IS_NONE(v)) {
        *out = missing;
        return true;
    }
    if (get_index(v, out)) return true;
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

static bool slice_adjust(Vm *vm, ObjSlice *slice, int64_t length, SliceRange *r) {
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

bool rt_range_length(Vm *vm, const ObjRange *range, int64_t *out) {
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

/* --- UTF-8 --------------------------------------------------------------------------------------------- */

/* Byte offset of code point [index] (0 <= index <= char_count) of [s]: O(1) for ASCII, else a walk from
 * whichever end is nearer. */
static uint32_t str_offset(const ObjString *s, int64_t index) {
    if (s->length == s->char_count) return (uint32_t)index;
    if (index <= s->char_count / 2) {
        uint32_t offset = 0;
        for (int64_t k = 0; k < index; k++) offset += utf8_char_length((unsigned char)s->chars[offset]);
        return offset;
    }
    uint32_t offset = s->length;
    for (int64_t k = s->char_count; k > index; k--) {
        do offset--;
        while (utf8_is_continuation((unsigned char)s->chars[offset]));
    }
    return offset;
}

/* Byte offset [delta] code points after (before, if negative) byte [offset] of [s]; stays in bounds. */
static uint32_t str_advance(const ObjString *s, uint32_t offset, int64_t delta) {
    if (s->length == s->char_count) return (uint32_t)((int64_t)offset + delta);
    for (; delta > 0; delta--) offset += utf8_char_length((unsigned char)s->chars[offset]);
    for (; delta < 0; delta++) {
        do offset--;
        while (utf8_is_continuation((unsigned char)s->chars[offset]));
    }
    return offset;
}

/* A new 1-character str: the code point at byte [offset] of [s]. */
static bool str_char_at(Vm *vm, const ObjString *s, uint32_t offset, Value *result) {
    ObjString *c = string_copy(vm, s->chars + offset, utf8_char_length((unsigned char)s->chars[offset]));
    if (c == NULL) return false;
    *result = obj_value(&c->obj);
    return true;
}

/* --- Subscripts ---------------------------------------------------------------------------------------- */

/* items[i] of a list or tuple (type [what]), or a new list or tuple for a slice. */
static bool sequence_subscr(Vm *vm, Value *items, uint32_t count, bool is_list, Value index, Value *result) {
    const char *what = is_list ? "list" : "tuple";
    int64_t i;
    if (get_index(index, &i)) {
        if (i < 0) i += count;
        if (i < 0 || i >= (int64_t)count) return vm_raise(vm, EXC_INDEX_ERROR, "%s index out of range", what);
        *result = items[i];
        return true;
    }
    if (!IS_SLICE(index)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s indices must be integers or slices, not %s", what,
                        value_type_name(index));
    }
    SliceRange r;
    if (!slice_adjust(vm, AS_SLICE(index), count, &r)) return false;
    /* rt_subscr roots the source, and the GC never moves objects, so [items] stays valid. */
    Value *out;
    if (is_list) {
        ObjList *list = list_new(vm, (uint32_t)r.count);
        if (list == NULL) return false;
        list->count = (uint32_t)r.count;
        out = list->items;
        *result = obj_value(&list->obj);
    } else {
        ObjTuple *tuple = tuple_new(vm, (uint32_t)r.count);
        if (tuple == NULL) return false;
        out = tuple->items;
        *result = obj_value(&tuple->obj);
    }
    for (int64_t k = 0, j = r.start; k < r.count; k++, j += r.step) out[k] = items[j];
    return true;
}

static bool str_subscr(Vm *vm, ObjString *s, Value index, Value *result) {
    int64_t i;
    if (get_index(index, &i)) {
        if (i < 0) i += s->char_count;
        if (i < 0 || i >= (int64_t)s->char_count) return vm_raise(vm, EXC_INDEX_ERROR, "string index out of range");
        return str_char_at(vm, s, str_offset(s, i), result);
    }
    if (!IS_SLICE(index)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "string indices must be integers, not '%s'", value_type_name(index));
    }
    SliceRange r;
    if (!slice_adjust(vm, AS_SLICE(index), s->char_count, &r)) return false;
    ObjString *out;
    if (r.count == 0) {
        out = string_copy(vm, "", 0);
    } else if (r.step == 1) {
        uint32_t from = str_offset(s, r.start);
        out = string_copy(vm, s->chars + from, str_offset(s, r.stop) - from);
    } else {
        /* An extended slice gathers characters one by one, walking from each to the next. */
        StrBuf b;
        strbuf_init(&b);
        uint32_t offset = str_offset(s, r.start);
        for (int64_t k = 0; k < r.count && !b.failed; k++) {
            strbuf_append(vm, &b, s->chars + offset, utf8_char_length((unsigned char)s->chars[offset]));
            if (k + 1 < r.count) offset = str_advance(s, offset, r.step);
        }
        out = b.failed ? NULL : string_copy(vm, b.chars, b.length);
        strbuf_free(vm, &b);
    }
    if (out == NULL) return false;
    *result = obj_value(&out->obj);
    return true;
}

static bool range_subscr(Vm *vm, ObjRange *range, Value index, Value *result) {
    int64_t length;
    if (!rt_range_length(vm, range, &length)) return false;
    int64_t i;
    if (get_index(index, &i)) {
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
        step > INT64_MAX) {
        return vm_raise(vm, EXC_OVERFLOW_ERROR, "integer overflow");
    }
    ObjRange *out = range_new(vm, (int64_t)start, (int64_t)stop, (int64_t)step);
    if (out == NULL) return false;
    *result = obj_value(&out->obj);
    return true;
}

static bool subscr(Vm *vm, Value container, Value index, Value *result) {
    switch (AS_OBJ(container)->type) {
    case OBJ_LIST: {
        ObjList *list = AS_LIST(container);
        return sequence_subscr(vm, list->items, list->count, true, index, result);
    }
    case OBJ_TUPLE: {
        ObjTuple *tuple = AS_TUPLE(container);
        return sequence_subscr(vm, tuple->items, tuple->count, false, index, result);
    }
    case OBJ_STRING: return str_subscr(vm, AS_STRING(container), index, result);
    case OBJ_RANGE: return range_subscr(vm, AS_RANGE(container), index, result);
    default: return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not subscriptable", value_type_name(container));
    }
}

bool rt_subscr(Vm *vm, Value container, Value index, Value *result) {
    if (!IS_OBJ(container)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not subscriptable", value_type_name(container));
    }
    /* Slicing allocates; the container must outlive that even if the caller holds it only in C. */
    vm_push_root(vm, container);
    bool ok = subscr(vm, container, index, result);
    vm_pop_root(vm);
    return ok;
}

/* --- Assignment to subscripts -------------------------------------------------------------------------- */

/* Makes room for [needed] items in [list]; the list must be reachable (it is: it is being assigned to). */
static bool list_reserve(Vm *vm, ObjList *list, uint64_t needed) {
    if (needed <= list->capacity) return true;
    if (needed > UINT32_MAX / 2) return vm_raise(vm, EXC_MEMORY_ERROR, "list too long");
    uint32_t capacity = list->capacity < 8 ? 8 : list->capacity;
    while (capacity < needed) capacity *= 2;
    Value *items = vm_reallocate(vm, list->items, sizeof(Value) * list->capacity, sizeof(Value) * capacity);
    if (items == NULL) return false;
    list->items = items;
    list->capacity = capacity;
    return true;
}

/* The items of [v] as an array: a list's or tuple's own, else those of a new list built by iterating it,
 * kept alive in temp_roots[root_slot], a slot the caller pushed. The list being assigned to ([target]) is
 * copied too, since the assignment would overwrite what it reads (a[1:] = a). */
static bool items_of(Vm *vm, Value v, ObjList *target, int root_slot, Value **items, uint32_t *count) {
    if (IS_TUPLE(v)) {
        *items = AS_TUPLE(v)->items;
        *count = AS_TUPLE(v)->count;
        return true;
    }
    if (IS_LIST(v) && AS_LIST(v) != target) {
        *items = AS_LIST(v)->items;
        *count = AS_LIST(v)->count;
        return true;
    }
    ObjList *copy = list_new(vm, 0);
    if (copy == NULL) return false;
    vm->temp_roots[root_slot] = obj_value(&copy->obj);
    if (IS_LIST(v)) {
        ObjList *source = AS_LIST(v);
        if (!list_reserve(vm, copy, source->count)) return false;
        if (source->count > 0) memcpy(copy->items, source->items, sizeof(Value) * source->count);
        copy->count = source->count;
    } else {
        Value it;
        if (!rt_get_iter(vm, v, &it)) return false;
        vm_push_root(vm, it);
        Value item;
        int status;
        while ((status = rt_for_iter(vm, it, &item)) == 1) {
            if (!list_append(vm, copy, item)) {
                status = -1;
                break;
            }
        }
        vm_pop_root(vm);
        if (status < 0) return false;
    }
    *items = copy->items;
    *count = copy->count;
    return true;
}

static bool is_iterable(Value v) {
    return IS_LIST(v) || IS_TUPLE(v) || IS_STRING(v) || IS_RANGE(v) || IS_ITER(v);
}

/* list[slice] = v: step 1 replaces any length; an extended slice needs exactly as many items. */
static bool list_assign_slice(Vm *vm, ObjList *list, ObjSlice *slice, Value v) {
    SliceRange r;
    if (!slice_adjust(vm, slice, list->count, &r)) return false;
    if (!is_iterable(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s",
                        r.step == 1 ? "can only assign an iterable" : "must assign iterable to extended slice");
    }
    int root_slot = vm->temp_root_count;
    vm_push_root(vm, none_value());
    Value *items = NULL;
    uint32_t n = 0;
    bool ok = items_of(vm, v, list, root_slot, &items, &n);
    if (ok && r.step == 1) {
        int64_t stop = r.stop < r.start ? r.start : r.stop;
        uint64_t removed = (uint64_t)(stop - r.start);
        uint64_t new_count = list->count - removed + n;
        ok = list_reserve(vm, list, new_count);
        if (ok) {
            /* items may belong to a list other than [list]; list_reserve moved only [list]'s array. */
            memmove(list->items + r.start + n, list->items + stop, sizeof(Value) * (list->count - (uint64_t)stop));
            if (n > 0) memcpy(list->items + r.start, items, sizeof(Value) * n);
            list->count = (uint32_t)new_count;
        }
    } else if (ok) {
        if ((int64_t)n != r.count) {
            ok = vm_raise(vm, EXC_VALUE_ERROR, "attempt to assign sequence of size %u to extended slice of size %lld",
                          n, (long long)r.count);
        } else {
            for (int64_t k = 0, j = r.start; k < r.count; k++, j += r.step) list->items[j] = items[k];
        }
    }
    vm_pop_root(vm);
    return ok;
}

bool rt_store_subscr(Vm *vm, Value container, Value index, Value v) {
    if (!IS_LIST(container)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object does not support item assignment",
                        value_type_name(container));
    }
    ObjList *list = AS_LIST(container);
    int64_t i;
    if (get_index(index, &i)) {
        if (i < 0) i += list->count;
        if (i < 0 || i >= (int64_t)list->count) {
            return vm_raise(vm, EXC_INDEX_ERROR, "list assignment index out of range");
        }
        list->items[i] = v;
        return true;
    }
    if (IS_SLICE(index)) return list_assign_slice(vm, list, AS_SLICE(index), v);
    return vm_raise(vm, EXC_TYPE_ERROR, "list indices must be integers or slices, not %s", value_type_name(index));
}

/* --- Building ------------------------------------------------------------------------------------------ */

bool rt_build_list(Vm *vm, Value *items, uint32_t count, Value *result) {
    ObjList *list = list_new(vm, count);
    if (list == NULL) return false;
    if (count > 0) memcpy(list->items, items, sizeof(Value) * count);
    list->count = count;
    *result = obj_value(&list->obj);
    return true;
}

bool rt_build_tuple(Vm *vm, Value *items, uint32_t count, Value *result) {
    ObjTuple *tuple = tuple_new(vm, count);
    if (tuple == NULL) return false;
    if (count > 0) memcpy(tuple->items, items, sizeof(Value) * count);
    *result = obj_value(&tuple->obj);
    return true;
}

/* The parts are checked when the slice is used, as CPython does: 5['a':] says "not subscriptable". */
bool rt_build_slice(Vm *vm, Value *items, uint32_t count, Value *result) {
    if (count != 2 && count != 3) return vm_raise(vm, EXC_TYPE_ERROR, "BUILD_SLICE expects 2 or 3 values");
    ObjSlice *slice = slice_new(vm, items[0], items[1], count == 3 ? items[2] : none_value());
    if (slice == NULL) return false;
    *result = obj_value(&slice->obj);
    return true;
}

/* --- Unpacking ----------------------------------------------------------------------------------------- */

static bool unpack_count_error(Vm *vm, uint32_t expected, int64_t got) {
    if (got > (int64_t)expected) {
        return vm_raise(vm, EXC_VALUE_ERROR, "too many values to unpack (expected %u)", expected);
    }
    return vm_raise(vm, EXC_VALUE_ERROR, "not enough values to unpack (expected %u, got %lld)", expected,
                    (long long)got);
}

bool rt_unpack_sequence(Vm *vm, Value seq, uint32_t count, Value *dest) {
    Value *items;
    int64_t n;
    if (IS_LIST(seq) || IS_TUPLE(seq)) {
        items = IS_LIST(seq) ? AS_LIST(seq)->items : AS_TUPLE(seq)->items;
        n = IS_LIST(seq) ? AS_LIST(seq)->count : AS_TUPLE(seq)->count;
        if (n != count) return unpack_count_error(vm, count, n);
        for (uint32_t k = 0; k < count; k++) dest[k] = items[count - 1 - k];
        return true;
    }
    if (IS_RANGE(seq)) {
        ObjRange *range = AS_RANGE(seq);
        if (!rt_range_length(vm, range, &n)) return false;
        if (n != count) return unpack_count_error(vm, count, n);
        for (uint32_t k = 0; k < count; k++) dest[k] = int_value(range->start + (int64_t)(count - 1 - k) * range->step);
        return true;
    }
    if (IS_STRING(seq)) {
        ObjString *s = AS_STRING(seq);
        if (s->char_count != count) return unpack_count_error(vm, count, s->char_count);
        /* The characters are new objects: gather them in a rooted tuple, since dest[0] overwrites seq. */
        vm_push_root(vm, seq);
        ObjTuple *chars = tuple_new(vm, count);
        if (chars == NULL) {
            vm_pop_root(vm);
            return false;
        }
        vm_push_root(vm, obj_value(&chars->obj));
        uint32_t offset = 0;
        bool ok = true;
        for (uint32_t k = 0; k < count && ok; k++) {
            ok = str_char_at(vm, s, offset, &chars->items[k]);
            offset += utf8_char_length((unsigned char)s->chars[offset]);
        }
        vm_pop_root(vm);
        vm_pop_root(vm);
        if (!ok) return false;
        for (uint32_t k = 0; k < count; k++) dest[k] = chars->items[count - 1 - k];
        return true;
    }
    if (IS_ITER(seq)) {
        /* Rare (a, b = iter(x) has no syntax here), but cheap to support by materialising. */
        int root_slot = vm->temp_root_count;
        vm_push_root(vm, none_value());
        Value *all;
        uint32_t total;
        bool ok = items_of(vm, seq, NULL, root_slot, &all, &total);
        if (ok && total != count) ok = unpack_count_error(vm, count, total);
        if (ok) {
            for (uint32_t k = 0; k < count; k++) dest[k] = all[count - 1 - k];
        }
        vm_pop_root(vm);
        return ok;
    }
    return vm_raise(vm, EXC_TYPE_ERROR, "cannot unpack non-iterable %s object", value_type_name(seq));
}

/* --- Iteration ----------------------------------------------------------------------------------------- */

bool rt_get_iter(Vm *vm, Value seq, Value *result) {
    if (IS_ITER(seq)) {
        *result = seq;
        return true;
    }
    if (IS_RANGE(seq)) {
        ObjRange range = *AS_RANGE(seq); /* copied: the allocation below may not see seq as a root */
        ObjIter *iter = iter_new(vm, none_value());
        if (iter == NULL) return false;
        iter->index = range.start;
        iter->stop = range.stop;
        iter->step = range.step;
        *result = obj_value(&iter->obj);
        return true;
    }
    if (IS_LIST(seq) || IS_TUPLE(seq) || IS_STRING(seq)) {
        vm_push_root(vm, seq);
        ObjIter *iter = iter_new(vm, seq);
        vm_pop_root(vm);
        if (iter == NULL) return false;
        iter->index = 0;
        *result = obj_value(&iter->obj);
        return true;
    }
    return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not iterable", value_type_name(seq));
}

/* An exhausted iterator stays exhausted, as in CPython, even if its list grows later. */
#define ITER_DONE INT64_MAX

int rt_for_iter(Vm *vm, Value it, Value *next) {
    if (!IS_ITER(it)) {
        vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not an iterator", value_type_name(it));
        return -1;
    }
    ObjIter *iter = AS_ITER(it);
    Value seq = iter->seq;
    if (IS_NONE(seq)) {
        int64_t i = iter->index;
        if (iter->step > 0 ? i >= iter->stop : i <= iter->stop) return 0;
        if (__builtin_add_overflow(i, iter->step, &iter->index)) iter->index = iter->stop;
        *next = int_value(i);
        return 1;
    }
    if (IS_LIST(seq)) {
        /* The live count: items appended during the loop are seen, as in CPython. */
        ObjList *list = AS_LIST(seq);
        if (iter->index >= (int64_t)list->count) {
            iter->index = ITER_DONE;
            return 0;
        }
        *next = list->items[iter->index++];
        return 1;
    }
    if (IS_TUPLE(seq)) {
        ObjTuple *tuple = AS_TUPLE(seq);
        if (iter->index >= (int64_t)tuple->count) return 0;
        *next = tuple->items[iter->index++];
        return 1;
    }
    ObjString *s = AS_STRING(seq);
    if (iter->index >= (int64_t)s->length) return 0;
    uint32_t offset = (uint32_t)iter->index;
    if (!str_char_at(vm, s, offset, next)) return -1;
    iter->index += utf8_char_length((unsigned char)s->chars[offset]);
    return 1;
}
