/* containers.c: what instruction bodies call to build, index, unpack and iterate containers.
 *
 * The bodies in bytecode/instructions.h handle list[int] and range and list iteration inline and call
 * these for the rest; each dispatches through the objects' TypeInfo slots (objects/protocol.c). The
 * behaviour itself lives with each type (objects/list.c, str.c, ...).
 */
#include <string.h>

#include "core/vm.h"
#include "core/unicode.h"
#include "objects/object.h"
#include "ops/runtime.h"

/* --- Subscripts and iteration ---------------------------------------------------------------------------- */

bool rt_subscr(Vm *vm, Value container, Value index, Value *result) {
    return value_subscript(vm, container, index, result);
}

bool rt_store_subscr(Vm *vm, Value container, Value index, Value v) {
    return value_store_subscript(vm, container, index, v);
}

/* del c[i] is c[i] = VAL_UNDEF: the store_subscript slot deletes (CPython's mp_ass_subscript with NULL). */
bool rt_delete_subscr(Vm *vm, Value container, Value index) {
    return value_store_subscript(vm, container, index, undef_value());
}

bool rt_get_iter(Vm *vm, Value seq, Value *result) { return value_get_iter(vm, seq, result); }

int rt_for_iter(Vm *vm, Value it, Value *next) { return value_next(vm, it, next); }

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

bool rt_build_map(Vm *vm, Value *items, uint32_t count, Value *result) {
    ObjDict *dict = dict_new(vm);
    if (dict == NULL) return false;
    vm_push_root(vm, obj_value(&dict->obj));
    bool ok = map_reserve(&dict->map, count) || vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    for (uint32_t i = 0; ok && i < count; i++) ok = dict_set(vm, dict, items[2 * i], items[2 * i + 1]);
    vm_pop_root(vm);
    *result = obj_value(&dict->obj);
    return ok;
}

bool rt_build_set(Vm *vm, Value *items, uint32_t count, Value *result) {
    ObjSet *set = set_new(vm, OBJ_SET);
    if (set == NULL) return false;
    vm_push_root(vm, obj_value(&set->obj));
    bool ok = true;
    for (uint32_t i = 0; ok && i < count; i++) ok = set_insert(vm, set, items[i]);
    vm_pop_root(vm);
    *result = obj_value(&set->obj);
    return ok;
}

/* CPython's compiler folds the items into a frozenset, then (merging equal constants) rebuilds it by
 * adding the first one's elements in its iteration order; SET_UPDATE then merges that into a new set. */
bool rt_build_const_set(Vm *vm, Value *items, uint32_t count, Value *result) {
    Value first;
    if (!rt_build_set(vm, items, count, &first)) return false;
    vm_push_root(vm, first);
    ObjSet *folded = set_new(vm, OBJ_FROZENSET);
    bool ok = folded != NULL;
    if (ok) vm_push_root(vm, obj_value(&folded->obj));
    uint32_t at = 0;
    for (SetEntry *e; ok && set_next_entry(AS_SET(first), &at, &e);) {
        ok = set_insert_hashed(vm, folded, e->hash, e->key);
    }
    ObjSet *set = ok ? set_copy(vm, OBJ_SET, folded) : NULL;
    vm->temp_root_count -= folded != NULL ? 2 : 1;
    if (set == NULL) return false;
    *result = obj_value(&set->obj);
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
        if (!range_length(vm, range, &n)) return false;
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
    if (value_is_iterable(seq)) {
        /* Any other iterable (an iterator): materialised first, then counted. */
        ObjList *all = list_from_iterable(vm, seq);
        if (all == NULL) return false;
        if (all->count != count) return unpack_count_error(vm, count, all->count);
        for (uint32_t k = 0; k < count; k++) dest[k] = all->items[count - 1 - k];
        return true;
    }
    return vm_raise(vm, EXC_TYPE_ERROR, "cannot unpack non-iterable %s object", value_type_name(seq));
}

