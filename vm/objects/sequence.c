/* sequence.c: the behaviour list and tuple share (repr, ==, <, in, indexing and slicing).
 *
 * Semantics and messages follow CPython 3.11 (Objects/listobject.c, tupleobject.c).
 */
#include <string.h>

#include "core/vm.h"
#include "objects/object.h"
#include "objects/sequence.h"

bool sequence_repr(Vm *vm, StrBuf *b, Value self, uint32_t count, bool is_list, const ReprScope *scope) {
    const char *open = is_list ? "[" : "(", *close = is_list ? "]" : ")";
    for (const ReprScope *s = scope; s != NULL; s = s->outer) {
        if (s->obj == AS_OBJ(self)) {
            strbuf_append(vm, b, open, 1);
            strbuf_append(vm, b, "...", 3);
            strbuf_append(vm, b, close, 1);
            return !b->failed;
        }
    }
    int depth = scope != NULL ? scope->depth + 1 : 1;
    if (value_nesting_too_deep(vm, depth, "while getting the repr of an object")) return false;
    ReprScope inner = {AS_OBJ(self), scope, depth};
    strbuf_append(vm, b, open, 1);
    /* Index afresh each time: nothing here runs Python code, but the list must not be cached. */
    for (uint32_t i = 0; i < count; i++) {
        if (i > 0) strbuf_append(vm, b, ", ", 2);
        Value item = is_list ? AS_LIST(self)->items[i] : AS_TUPLE(self)->items[i];
        if (!value_write_repr_in(vm, b, item, &inner)) return false;
        /* print([[0] * 10**5] * 10**5) takes minutes: let --timeout and Ctrl-C stop it. */
        if (__builtin_expect(vm->exec.interrupt != 0, 0) && !rt_interrupted(vm)) return false;
    }
    if (!is_list && count == 1) strbuf_append(vm, b, ",", 1);
    strbuf_append(vm, b, close, 1);
    return !b->failed;
}

int sequence_equal(Vm *vm, const Value *xa, uint32_t na, const Value *xb, uint32_t nb, int depth) {
    if (value_nesting_too_deep(vm, depth, "in comparison")) return -1;
    if (na != nb) return 0;
    for (uint32_t i = 0; i < na; i++) {
        int e = value_equal_items(vm, xa[i], xb[i], depth + 1);
        if (e != 1) return e;
    }
    return 1;
}

/* Lexicographic, as CPython's list_richcompare: skip the equal prefix, then either the lengths decide or
 * the first differing pair does. */
int sequence_compare(Vm *vm, int op, const Value *xa, uint32_t na, const Value *xb, uint32_t nb, int depth) {
    if (value_nesting_too_deep(vm, depth, "in comparison")) return -1;
    uint32_t i;
    for (i = 0; i < na && i < nb; i++) {
        int e = value_equal_items(vm, xa[i], xb[i], depth + 1);
        if (e < 0) return -1;
        if (e == 0) break;
    }
    if (i >= na || i >= nb) return order_holds(op, na < nb ? -1 : na > nb);
    return value_compare(vm, op, xa[i], xb[i], depth + 1);
}

int sequence_contains(Vm *vm, const Value *items, uint32_t count, Value item) {
    for (uint32_t i = 0; i < count; i++) {
        int found = value_equal_items(vm, items[i], item, 0);
        if (found != 0) return found;
    }
    return 0;
}

/* items[i] of a list or tuple (type [what]), or a new list or tuple for a slice. */
bool sequence_subscript(Vm *vm, Value *items, uint32_t count, bool is_list, Value index, Value *result) {
    const char *what = is_list ? "list" : "tuple";
    int64_t i;
    if (index_value(index, &i)) {
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
    /* value_subscript roots the source, and the GC never moves objects, so [items] stays valid. */
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

bool sequence_concat(Vm *vm, Value a, Value b, bool inplace, Value *result) {
    const char *kind = IS_LIST(a) ? "list" : "tuple";
    if (IS_LIST(a) && inplace) {
        if (!list_extend_by(vm, AS_LIST(a), b)) return false;
        *result = a;
        return true;
    }
    if (a.type != b.type || AS_OBJ(a)->type != AS_OBJ(b)->type) {
        return vm_raise(vm, EXC_TYPE_ERROR, "can only concatenate %s (not \"%s\") to %s", kind, value_type_name(b), kind);
    }
    uint32_t na = IS_LIST(a) ? AS_LIST(a)->count : AS_TUPLE(a)->count;
    uint32_t nb = IS_LIST(b) ? AS_LIST(b)->count : AS_TUPLE(b)->count;
    if ((uint64_t)na + nb > UINT32_MAX / 2) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    Value *items;
    if (IS_LIST(a)) {
        ObjList *list = list_new(vm, na + nb);
        if (list == NULL) return false;
        list->count = na + nb;
        items = list->items;
        *result = obj_value(&list->obj);
    } else {
        ObjTuple *tuple = tuple_new(vm, na + nb);
        if (tuple == NULL) return false;
        items = tuple->items;
        *result = obj_value(&tuple->obj);
    }
    const Value *xa = IS_LIST(a) ? AS_LIST(a)->items : AS_TUPLE(a)->items;
    const Value *xb = IS_LIST(b) ? AS_LIST(b)->items : AS_TUPLE(b)->items;
    for (uint32_t i = 0; i < na; i++) items[i] = xa[i];
    for (uint32_t i = 0; i < nb; i++) items[na + i] = xb[i];
    return true;
}

/* seq * n. A negative count gives an empty sequence; a result too big for a 32-bit length is a
 * MemoryError before anything is allocated, so `[0] * 10**18` fails cleanly instead of crashing. */
bool sequence_repeat(Vm *vm, Value seq, int64_t n, bool inplace, Value *result) {
    if (n < 0) n = 0;
    uint32_t count = IS_LIST(seq) ? AS_LIST(seq)->count : AS_TUPLE(seq)->count;
    if (count != 0 && (uint64_t)n > (UINT32_MAX / 2) / count) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    uint32_t total = (uint32_t)(count * (uint64_t)n);
    if (IS_LIST(seq) && inplace) {
        ObjList *list = AS_LIST(seq);
        if (total == 0) list->count = 0;
        for (uint32_t i = count; i < total; i++) {
            if (!list_append(vm, list, list->items[i - count])) return false;
        }
        *result = seq;
        return true;
    }
    Value *items;
    if (IS_LIST(seq)) {
        ObjList *list = list_new(vm, total);
        if (list == NULL) return false;
        list->count = total;
        items = list->items;
        *result = obj_value(&list->obj);
    } else {
        ObjTuple *tuple = tuple_new(vm, total);
        if (tuple == NULL) return false;
        items = tuple->items;
        *result = obj_value(&tuple->obj);
    }
    const Value *src = IS_LIST(seq) ? AS_LIST(seq)->items : AS_TUPLE(seq)->items;
    for (uint32_t i = 0; i < total; i++) items[i] = src[i % count];
    return true;
}


/* --- index and count ----------------------------------------------------------------------------------- */

/* The live items of a list or tuple. */
static const Value *items_now(Value self, int64_t *count) {
    if (IS_LIST(self)) {
        *count = AS_LIST(self)->count;
        return AS_LIST(self)->items;
    }
    *count = AS_TUPLE(self)->count;
    return AS_TUPLE(self)->items;
}

/* Clamps a start/stop argument of index() the way slices clamp. */
static int64_t clamp_bound(int64_t i, int64_t count) {
    if (i < 0) {
        i += count;
        if (i < 0) i = 0;
    }
    return i > count ? count : i;
}

bool sequence_index(Vm *vm, Value self, Value x, const Value *bounds, int nbounds, int64_t *found) {
    int64_t limits[2] = {0, INT64_MAX}, count;
    for (int k = 0; k < nbounds; k++) {
        if (!index_value(bounds[k], &limits[k])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "slice indices must be integers or have an __index__ method");
        }
    }
    items_now(self, &count);
    int64_t stop = clamp_bound(limits[1], count);
    *found = -1;
    for (int64_t i = clamp_bound(limits[0], count); i < stop; i++) {
        const Value *items = items_now(self, &count);
        if (i >= count) break;
        int equal = value_equal_items(vm, items[i], x, 0);
        if (equal < 0) return false;
        if (equal == 1) {
            *found = i;
            break;
        }
    }
    return true;
}

bool sequence_count(Vm *vm, Value self, Value x, int64_t *count) {
    int64_t n = 0, length;
    for (int64_t i = 0; i < (items_now(self, &length), length); i++) {
        int equal = value_equal_items(vm, items_now(self, &length)[i], x, 0);
        if (equal < 0) return false;
        n += equal;
    }
    *count = n;
    return true;
}
