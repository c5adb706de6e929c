/* list.c: Python's list: a growable array of values, its constructors and its slots.
 *
 * The methods (append, pop, sort, ...) are in objects/list_methods.c. A list iterator reads the live
 * count, so items appended during a loop are seen, as in CPython.
 */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"
#include "objects/sequence.h"

/* --- Constructors and growth --------------------------------------------------------------------------- */

ObjList *list_new(Vm *vm, uint32_t capacity) {
    ObjList *list = (ObjList *)gc_allocate_object(vm, sizeof(ObjList), OBJ_LIST);
    if (list == NULL || capacity == 0) return list;
    vm_push_root(vm, obj_value(&list->obj));
    list->items = VM_ALLOCATE(vm, Value, capacity);
    vm_pop_root(vm);
    if (list->items == NULL) return NULL;
    list->capacity = capacity;
    return list;
}

bool list_append(Vm *vm, ObjList *list, Value v) {
    if (list->count == list->capacity) {
        if (list->capacity >= UINT32_MAX / 2) return vm_raise(vm, EXC_MEMORY_ERROR, "list too long");
        uint32_t capacity = list->capacity < 8 ? 8 : list->capacity * 2;
        /* The new value may be the only reference to an object: keep it alive across the allocation. */
        vm_push_root(vm, v);
        vm_push_root(vm, obj_value(&list->obj));
        Value *items = (Value *)vm_reallocate(vm, list->items, sizeof(Value) * list->capacity,
                                              sizeof(Value) * capacity);
        vm_pop_root(vm);
        vm_pop_root(vm);
        if (items == NULL) return false;
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = v;
    return true;
}

/* Makes room for [needed] items in [list]; the list must be reachable (it is: it is being assigned to). */
bool list_reserve(Vm *vm, ObjList *list, uint64_t needed) {
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

static int append_item(Vm *vm, Value item, void *ctx) {
    return list_append(vm, (ObjList *)ctx, item) ? 1 : -1;
}

/* A new list of the items of [iterable]. */
ObjList *list_from_iterable(Vm *vm, Value iterable) {
    ObjList *list = list_new(vm, 0);
    if (list == NULL) return NULL;
    vm_push_root(vm, obj_value(&list->obj));
    bool ok = for_each(vm, iterable, append_item, list);
    vm_pop_root(vm);
    return ok ? list : NULL;
}

/* --- + and * ------------------------------------------------------------------------------------------ */

/* Extends [list] in place by any iterable: `list += iterable`, visible through every alias. */
bool list_extend_by(Vm *vm, ObjList *list, Value other) {
    if (IS_LIST(other) || IS_TUPLE(other)) {
        /* Count first: `l += l` must add each element once. Items are re-read because appends move them. */
        uint32_t count = IS_LIST(other) ? AS_LIST(other)->count : AS_TUPLE(other)->count;
        for (uint32_t i = 0; i < count; i++) {
            Value item = IS_LIST(other) ? AS_LIST(other)->items[i] : AS_TUPLE(other)->items[i];
            if (!list_append(vm, list, item)) return false;
        }
        return true;
    }
    return for_each(vm, other, append_item, list); /* any other iterable, interruptible */
}

/* --- Assignment to items and slices ------------------------------------------------------------------- */

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
        if (!value_get_iter(vm, v, &it)) return false;
        vm_push_root(vm, it);
        Value item;
        int status;
        while ((status = value_next(vm, it, &item)) == 1) {
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

/* list[slice] = v: step 1 replaces any length; an extended slice needs exactly as many items. */
static bool list_assign_slice(Vm *vm, ObjList *list, ObjSlice *slice, Value v) {
    SliceRange r;
    if (!slice_adjust(vm, slice, list->count, &r)) return false;
    if (!value_is_iterable(v)) {
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

/* del list[slice]: the kept items close up in one pass, whatever the step. */
static bool list_delete_slice(Vm *vm, ObjList *list, ObjSlice *slice) {
    SliceRange r;
    if (!slice_adjust(vm, slice, list->count, &r)) return false;
    if (r.count == 0) return true;
    int64_t step = r.step, first = r.start, last = r.start + (r.count - 1) * step;
    if (step < 0) { /* the same items, walked upwards */
        int64_t t = first;
        first = last;
        last = t;
        step = -step;
    }
    uint32_t out = (uint32_t)first;
    for (int64_t i = first; i < (int64_t)list->count; i++) {
        bool deleted = i <= last && (i - first) % step == 0;
        if (!deleted) list->items[out++] = list->items[i];
    }
    list->count = out;
    return true;
}

/* list[index] = v, or del list[index] when v is VAL_UNDEF. */
static bool list_store_subscript(Vm *vm, Value container, Value index, Value v) {
    ObjList *list = AS_LIST(container);
    int64_t i;
    if (index_value(index, &i)) {
        if (i < 0) i += list->count;
        if (i < 0 || i >= (int64_t)list->count) {
            return vm_raise(vm, EXC_INDEX_ERROR, "list assignment index out of range");
        }
        if (IS_UNDEF(v)) {
            memmove(list->items + i, list->items + i + 1, sizeof(Value) * (list->count - (uint64_t)i - 1));
            list->count--;
            return true;
        }
        list->items[i] = v;
        return true;
    }
    if (IS_SLICE(index) && IS_UNDEF(v)) return list_delete_slice(vm, list, AS_SLICE(index));
    if (IS_SLICE(index)) return list_assign_slice(vm, list, AS_SLICE(index), v);
    return vm_raise(vm, EXC_TYPE_ERROR, "list indices must be integers or slices, not %s", value_type_name(index));
}

/* --- Slots -------------------------------------------------------------------------------------------- */

static void list_free(Vm *vm, Obj *obj) {
    ObjList *list = (ObjList *)obj;
    VM_FREE_ARRAY(vm, Value, list->items, list->capacity);
    gc_free_object(vm, list, sizeof(ObjList));
}

static void list_mark(GcMarker *marker, Obj *obj) {
    gc_mark_values(marker, ((ObjList *)obj)->items, ((ObjList *)obj)->count);
}

static bool list_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    return sequence_repr(vm, b, self, AS_LIST(self)->count, true, scope);
}

static int list_equal(Vm *vm, Value a, Value b, int depth) {
    return sequence_equal(vm, AS_LIST(a)->items, AS_LIST(a)->count, AS_LIST(b)->items, AS_LIST(b)->count, depth);
}

static int list_compare(Vm *vm, int op, Value a, Value b, int depth) {
    return sequence_compare(vm, op, AS_LIST(a)->items, AS_LIST(a)->count, AS_LIST(b)->items, AS_LIST(b)->count,
                            depth);
}

static bool list_hash(Vm *vm, Value self, uint64_t *hash) {
    (void)self, (void)hash;
    return vm_raise(vm, EXC_TYPE_ERROR, "unhashable type: 'list'");
}

static bool list_truthy(Value self) { return AS_LIST(self)->count != 0; }

static bool list_len(Vm *vm, Value self, int64_t *length) {
    (void)vm;
    *length = AS_LIST(self)->count;
    return true;
}

static bool list_subscript(Vm *vm, Value self, Value index, Value *result) {
    return sequence_subscript(vm, AS_LIST(self)->items, AS_LIST(self)->count, true, index, result);
}

static int list_contains(Vm *vm, Value self, Value item) {
    return sequence_contains(vm, AS_LIST(self)->items, AS_LIST(self)->count, item);
}

static bool list_get_iter(Vm *vm, Value self, Value *iter) { return seq_iter_value(vm, OBJ_LIST_ITER, self, iter); }

const TypeInfo list_type = {
    .name = "list",
    .free = list_free,
    .owns_buffers = true,
    .mark = list_mark,
    .repr = list_repr,
    .equal = list_equal,
    .compare = list_compare,
    .hash = list_hash,
    .truthy = list_truthy,
    .len = list_len,
    .subscript = list_subscript,
    .store_subscript = list_store_subscript,
    .contains = list_contains,
    .get_iter = list_get_iter,
    .concat = sequence_concat,
    .repeat = sequence_repeat,
    .methods = list_methods,
};
