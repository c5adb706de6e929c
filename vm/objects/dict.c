/* dict.c: Python's dict: the operations the runtime and the methods share, and the dict's slots.
 *
 * The entries live in a Map (core/map.h: CPython's compact layout, so iteration follows insertion order).
 * Keys hash with value_hash_key and compare with map_key_equal (dict.h). The methods are dict_methods.c,
 * the views and iterators dict_views.c. GC: the map's block comes from the VM's allocator, so growing it
 * may collect; dict_set keeps the dict, the key and the value alive across that.
 */
#include "core/gc.h"
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

/* --- Keys ---------------------------------------------------------------------------------------------- */

int map_key_equal(void *context, Value stored, Value key) { return keys_equal(context, stored, key); }

/* KeyError(key): the message is the key's repr, and the exception's one argument the key itself. */
bool dict_key_error(Vm *vm, Value key) {
    if (vm->exc != EXC_NONE) return false;
    raise_with_repr(vm, EXC_KEY_ERROR, "", key, "");
    if (vm->exc == EXC_KEY_ERROR) vm->exc_arg = key;
    return false;
}

bool key_error_text(Vm *vm, const char *text) {
    ObjString *s = string_from_cstr(vm, text);
    return s == NULL ? false : dict_key_error(vm, obj_value(&s->obj));
}

/* --- Core operations ------------------------------------------------------------------------------------ */

ObjDict *dict_new(Vm *vm) {
    ObjDict *dict = (ObjDict *)gc_allocate_object(vm, sizeof(ObjDict), OBJ_DICT);
    if (dict != NULL) map_init(&dict->map, vm);
    return dict;
}

int dict_get_hashed(Vm *vm, ObjDict *dict, uint64_t hash, Value key, Value *value) {
    uint32_t slot, entry = 0;
    int found = map_lookup(&dict->map, hash, key, keys_equal, vm, &slot, &entry);
    if (found == 1) *value = map_entry(&dict->map, entry)->value;
    return found;
}

/* d[key]: what BINARY_SUBSCR and CONTAINS_OP call directly, so the hash, the probe and the key compare
 * are one function. */
int dict_get(Vm *vm, ObjDict *dict, Value key, Value *value) {
    uint64_t hash;
    if (!value_hash_key(vm, key, &hash)) return -1;
    uint32_t slot, entry = 0;
    int found = map_lookup(&dict->map, hash, key, keys_equal, vm, &slot, &entry);
    if (found == 1) *value = map_entry(&dict->map, entry)->value;
    return found;
}

/* Appends a key known to be absent. Growing the map may collect, and the caller may hold the dict, the
 * key or the value only in C locals: they are rooted then. */
static bool append_new_key(Vm *vm, ObjDict *dict, uint64_t hash, Value key, Value value) {
    if (map_has_room(&dict->map)) return map_add(&dict->map, hash, key, value, NULL);
    vm_push_root(vm, obj_value(&dict->obj));
    vm_push_root(vm, key);
    vm_push_root(vm, value);
    bool ok = map_add(&dict->map, hash, key, value, NULL);
    vm->temp_root_count -= 3;
    if (!ok && vm->exc == EXC_NONE) vm_raise(vm, EXC_MEMORY_ERROR, "%s", ""); /* the map is full */
    return ok;
}

bool dict_set_hashed(Vm *vm, ObjDict *dict, uint64_t hash, Value key, Value value) {
    uint32_t slot, entry = 0;
    int found = map_lookup(&dict->map, hash, key, keys_equal, vm, &slot, &entry);
    if (found < 0) return false;
    if (found == 1) {
        map_entry(&dict->map, entry)->value = value; /* the key and its position stay, as in CPython */
        return true;
    }
    return append_new_key(vm, dict, hash, key, value);
}

bool dict_set(Vm *vm, ObjDict *dict, Value key, Value value) {
    uint64_t hash;
    if (!value_hash_key(vm, key, &hash)) return false;
    return dict_set_hashed(vm, dict, hash, key, value);
}

int dict_delete(Vm *vm, ObjDict *dict, Value key) {
    uint64_t hash;
    if (!value_hash_key(vm, key, &hash)) return -1;
    return map_delete(&dict->map, hash, key, map_key_equal, vm);
}

/* --- update() and the constructor ---------------------------------------------------------------------- */

/* Copies every entry of [from] into [dict], hashes reused. */
static bool update_from_dict(Vm *vm, ObjDict *dict, ObjDict *from) {
    if (dict == from) return true;
    if (map_count(&dict->map) == 0) {
        map_free(&dict->map);
        if (!map_copy(&dict->map, &from->map)) return false;
        return true;
    }
    uint32_t at = 0;
    for (MapEntry *e; map_next(&from->map, &at, &e);) {
        if (!dict_set_hashed(vm, dict, e->hash, e->key, e->value)) return false;
    }
    return true;
}

typedef struct {
    ObjDict *dict;
    int64_t index; /* of the element being added, for CPython's error messages */
} PairSink;

/* One element of dict(iterable): a pair (any iterable of two items) becomes key and value. */
static int add_pair(Vm *vm, Value item, void *ctx) {
    PairSink *sink = ctx;
    int64_t index = sink->index++;
    Value kv[2];
    uint32_t n = 0;
    if (IS_TUPLE(item) || IS_LIST(item)) {
        n = IS_TUPLE(item) ? AS_TUPLE(item)->count : AS_LIST(item)->count;
        if (n == 2) {
            kv[0] = IS_TUPLE(item) ? AS_TUPLE(item)->items[0] : AS_LIST(item)->items[0];
            kv[1] = IS_TUPLE(item) ? AS_TUPLE(item)->items[1] : AS_LIST(item)->items[1];
        }
    } else if (value_is_iterable(item)) {
        ObjList *all = list_from_iterable(vm, item);
        if (all == NULL) return -1;
        n = all->count;
        if (n == 2) kv[0] = all->items[0], kv[1] = all->items[1];
    } else {
        vm_raise(vm, EXC_TYPE_ERROR, "cannot convert dictionary update sequence element #%lld to a sequence",
                 (long long)index);
        return -1;
    }
    if (n != 2) {
        vm_raise(vm, EXC_VALUE_ERROR, "dictionary update sequence element #%lld has length %u; 2 is required",
                 (long long)index, n);
        return -1;
    }
    return dict_set(vm, sink->dict, kv[0], kv[1]) ? 1 : -1;
}

bool dict_update_from(Vm *vm, ObjDict *dict, Value other) {
    if (IS_DICT(other)) return update_from_dict(vm, dict, AS_DICT(other));
    if (!value_is_iterable(other)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not iterable", value_type_name(other));
    }
    PairSink sink = {dict, 0};
    return for_each(vm, other, add_pair, &sink);
}

/* dict(), dict(mapping_or_pairs), dict(..., key=value, ...). */
bool builtin_dict(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    int npos = positional_count(argc, kwnames);
    if (npos > 1) return vm_raise(vm, EXC_TYPE_ERROR, "dict expected at most 1 argument, got %d", npos);
    ObjDict *dict = dict_new(vm);
    if (dict == NULL) return false;
    vm_push_root(vm, obj_value(&dict->obj));
    bool ok = npos == 0 || dict_update_from(vm, dict, args[0]);
    for (uint32_t k = 0; ok && kwnames != NULL && k < kwnames->count; k++) {
        ok = dict_set(vm, dict, kwnames->items[k], args[npos + (int)k]);
    }
    vm_pop_root(vm);
    *result = obj_value(&dict->obj);
    return ok;
}

/* --- Slots ---------------------------------------------------------------------------------------------- */

static void dict_free(Vm *vm, Obj *obj) {
    map_free(&((ObjDict *)obj)->map);
    gc_free_object(vm, obj, sizeof(ObjDict));
}

static void dict_mark(GcMarker *marker, Obj *obj) {
    const Map *map = &((ObjDict *)obj)->map;
    uint32_t at = 0;
    for (MapEntry *e; map_next(map, &at, &e);) {
        gc_mark_value(marker, e->key);
        gc_mark_value(marker, e->value);
    }
}

/* {k: v, ...}, and {...} for a dict already being printed (d[0] = d). */
static bool dict_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    for (const ReprScope *s = scope; s != NULL; s = s->outer) {
        if (s->obj == AS_OBJ(self)) {
            strbuf_append_cstr(vm, b, "{...}");
            return !b->failed;
        }
    }
    int depth = scope != NULL ? scope->depth + 1 : 1;
    if (value_nesting_too_deep(vm, depth, "while getting the repr of an object")) return false;
    ReprScope inner = {AS_OBJ(self), scope, depth};
    const Map *map = &AS_DICT(self)->map;
    strbuf_append_cstr(vm, b, "{");
    uint32_t at = 0;
    bool first = true;
    for (MapEntry *e; map_next(map, &at, &e); first = false) {
        if (!first) strbuf_append_cstr(vm, b, ", ");
        if (!value_write_repr_in(vm, b, e->key, &inner)) return false;
        strbuf_append_cstr(vm, b, ": ");
        if (!value_write_repr_in(vm, b, e->value, &inner)) return false;
        if (__builtin_expect(vm->exec.interrupt != 0, 0) && !rt_interrupted(vm)) return false;
    }
    strbuf_append_cstr(vm, b, "}");
    return !b->failed;
}

/* Equal sizes, and each key of [a] in [b] with an equal value (order does not matter). */
static int dict_equal(Vm *vm, Value a, Value b, int depth) {
    if (value_nesting_too_deep(vm, depth, "in comparison")) return -1;
    const Map *x = &AS_DICT(a)->map;
    if (map_count(x) != map_count(&AS_DICT(b)->map)) return 0;
    uint32_t at = 0;
    for (MapEntry *e; map_next(x, &at, &e);) {
        Value other;
        int found = dict_get_hashed(vm, AS_DICT(b), e->hash, e->key, &other);
        if (found != 1) return found;
        int same = value_equal_items(vm, e->value, other, depth + 1);
        if (same != 1) return same;
    }
    return 1;
}

static bool dict_truthy(Value self) { return map_count(&AS_DICT(self)->map) != 0; }

static bool dict_len(Vm *vm, Value self, int64_t *length) {
    (void)vm;
    *length = map_count(&AS_DICT(self)->map);
    return true;
}

static bool dict_subscript(Vm *vm, Value self, Value key, Value *result) {
    int found = dict_get(vm, AS_DICT(self), key, result);
    if (found == 0) return dict_key_error(vm, key);
    return found == 1;
}

/* d[key] = v, and del d[key] when [v] is VAL_UNDEF (CPython's mp_ass_subscript with NULL). */
static bool dict_store_subscript(Vm *vm, Value self, Value key, Value v) {
    if (!IS_UNDEF(v)) return dict_set(vm, AS_DICT(self), key, v);
    int removed = dict_delete(vm, AS_DICT(self), key);
    if (removed == 0) return dict_key_error(vm, key);
    return removed == 1;
}

static int dict_contains(Vm *vm, Value self, Value key) {
    Value unused;
    return dict_get(vm, AS_DICT(self), key, &unused);
}

static bool dict_get_iter(Vm *vm, Value self, Value *iter) {
    return map_iter_new(vm, AS_OBJ(self), OBJ_DICT_KEYITER, iter);
}

/* d | other (a new dict: d's entries, then other's) and d |= other (any update() argument). */
static int dict_binary_op(Vm *vm, int op, Value a, Value b, Value *result) {
    if (op == NB_INPLACE_OR && IS_DICT(a)) {
        *result = a;
        return dict_update_from(vm, AS_DICT(a), b) ? 1 : -1;
    }
    if (op != NB_OR || !IS_DICT(a) || !IS_DICT(b)) return 0;
    ObjDict *dict = dict_new(vm);
    if (dict == NULL) return -1;
    vm_push_root(vm, obj_value(&dict->obj));
    bool ok = update_from_dict(vm, dict, AS_DICT(a)) && update_from_dict(vm, dict, AS_DICT(b));
    vm_pop_root(vm);
    *result = obj_value(&dict->obj);
    return ok ? 1 : -1;
}

const TypeInfo dict_type = {
    .name = "dict",
    .free = dict_free,
    .owns_buffers = true,
    .mark = dict_mark,
    .repr = dict_repr,
    .equal = dict_equal,
    .truthy = dict_truthy,
    .len = dict_len,
    .subscript = dict_subscript,
    .store_subscript = dict_store_subscript,
    .contains = dict_contains,
    .get_iter = dict_get_iter,
    .binary_op = dict_binary_op,
    .methods = dict_methods,
};
