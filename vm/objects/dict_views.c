/* dict_views.c: d.keys(), d.values() and d.items(), and the iterators over dicts, views and sets.
 *
 * A view holds its dict and reads it live. The keys and items views are set-like, as in CPython: they
 * share set_methods.c's ==, <= and | & - ^ (setlike_*), so d.keys() == {1, 2} and d.keys() & [1] work.
 * Every iterator here is an ObjMapIter over its dict's Map (set.c has the set_iterator); it raises
 * CPython's RuntimeError when the dict changed size during the loop.
 */
#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

/* --- Iterators ------------------------------------------------------------------------------------------ */

bool map_iter_new(Vm *vm, Obj *owner, ObjType type, Value *result) {
    vm_push_root(vm, obj_value(owner));
    ObjMapIter *it = (ObjMapIter *)gc_allocate_object(vm, sizeof(ObjMapIter), type);
    vm_pop_root(vm);
    if (it == NULL) return false;
    it->owner = owner;
    it->size = it->remaining = owner->type == OBJ_DICT ? map_count(&((ObjDict *)owner)->map) : ((ObjSet *)owner)->used;
    *result = obj_value(&it->obj);
    return true;
}

/* The next live entry of the iterator's dict: 1, 0 when exhausted, -1 with CPython's RuntimeError. A
 * failed iterator keeps failing (its size can never match again), as CPython's does. */
static int step(Vm *vm, Value self, MapEntry **entry) {
    ObjMapIter *it = AS_MAP_ITER(self);
    if (it->owner == NULL) return 0;
    Map *map = &((ObjDict *)it->owner)->map;
    if (map_count(map) != it->size) {
        it->size = UINT32_MAX; /* more than a map holds */
        vm_raise(vm, EXC_RUNTIME_ERROR, "dictionary changed size during iteration");
        return -1;
    }
    if (!map_next(map, &it->position, entry)) {
        it->owner = NULL; /* exhausted for good, and the dict may be collected */
        return 0;
    }
    if (it->remaining == 0) {
        /* Same size, yet more entries: keys were deleted and others added meanwhile. */
        it->size = UINT32_MAX;
        vm_raise(vm, EXC_RUNTIME_ERROR, "dictionary keys changed during iteration");
        return -1;
    }
    it->remaining--;
    return 1;
}

static int key_next(Vm *vm, Value self, Value *item) {
    MapEntry *e;
    int status = step(vm, self, &e);
    if (status == 1) *item = e->key;
    return status;
}

static int value_next_item(Vm *vm, Value self, Value *item) {
    MapEntry *e;
    int status = step(vm, self, &e);
    if (status == 1) *item = e->value;
    return status;
}

bool dict_pair(Vm *vm, Value key, Value value, Value *result) {
    vm_push_root(vm, key);
    vm_push_root(vm, value);
    ObjTuple *pair = tuple_new(vm, 2);
    vm->temp_root_count -= 2;
    if (pair == NULL) return false;
    pair->items[0] = key;
    pair->items[1] = value;
    *result = obj_value(&pair->obj);
    return true;
}

static int item_next(Vm *vm, Value self, Value *item) {
    MapEntry *e;
    int status = step(vm, self, &e);
    if (status != 1) return status;
    return dict_pair(vm, e->key, e->value, item) ? 1 : -1;
}

void map_iter_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjMapIter)); }
void map_iter_mark(GcMarker *marker, Obj *obj) { gc_mark_object(marker, ((ObjMapIter *)obj)->owner); }

bool map_iter_self(Vm *vm, Value self, Value *iter) {
    (void)vm;
    *iter = self;
    return true;
}

bool map_iter_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    strbuf_append_format(vm, b, "<%s object at %p>", type_of_obj(AS_OBJ(self))->name, (void *)AS_OBJ(self));
    return !b->failed;
}

#define MAP_ITER_TYPE(variable, type_name, next_fn)                                                     \
    const TypeInfo variable = {                                                                         \
        .name = type_name, .free = map_iter_free, .mark = map_iter_mark, .repr = map_iter_repr,         \
        .get_iter = map_iter_self, .next = next_fn,                                                         \
    }
MAP_ITER_TYPE(dict_keyiter_type, "dict_keyiterator", key_next);
MAP_ITER_TYPE(dict_valueiter_type, "dict_valueiterator", value_next_item);
MAP_ITER_TYPE(dict_itemiter_type, "dict_itemiterator", item_next);

/* --- Views ---------------------------------------------------------------------------------------------- */

bool dict_view_new(Vm *vm, ObjDict *dict, ObjType type, Value *result) {
    vm_push_root(vm, obj_value(&dict->obj));
    ObjDictView *view = (ObjDictView *)gc_allocate_object(vm, sizeof(ObjDictView), type);
    vm_pop_root(vm);
    if (view == NULL) return false;
    view->dict = dict;
    *result = obj_value(&view->obj);
    return true;
}

static ObjDict *view_dict(Value self) { return AS_DICT_VIEW(self)->dict; }

static void view_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjDictView)); }
static void view_mark(GcMarker *marker, Obj *obj) { gc_mark_object(marker, &((ObjDictView *)obj)->dict->obj); }

static bool view_truthy(Value self) { return map_count(&view_dict(self)->map) != 0; }

static bool view_len(Vm *vm, Value self, int64_t *length) {
    (void)vm;
    *length = map_count(&view_dict(self)->map);
    return true;
}

/* dict_keys(['a', 'b']), dict_values([1, 2]), dict_items([('a', 1)]): the type, then a list's repr. */
static bool view_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    const char *name = type_of_obj(AS_OBJ(self))->name;
    for (const ReprScope *s = scope; s != NULL; s = s->outer) {
        if (s->obj == AS_OBJ(self)) {
            strbuf_append_cstr(vm, b, "...");
            return !b->failed;
        }
    }
    int depth = scope != NULL ? scope->depth + 1 : 1;
    if (value_nesting_too_deep(vm, depth, "while getting the repr of an object")) return false;
    ReprScope inner = {AS_OBJ(self), scope, depth};
    strbuf_append_format(vm, b, "%s([", name);
    const Map *map = &view_dict(self)->map;
    uint32_t at = 0;
    bool first = true;
    for (MapEntry *e; map_next(map, &at, &e); first = false) {
        if (!first) strbuf_append_cstr(vm, b, ", ");
        if (is_obj_type(self, OBJ_DICT_ITEMS)) strbuf_append_cstr(vm, b, "(");
        if (!is_obj_type(self, OBJ_DICT_VALUES) && !value_write_repr_in(vm, b, e->key, &inner)) return false;
        if (is_obj_type(self, OBJ_DICT_ITEMS)) strbuf_append_cstr(vm, b, ", ");
        if (!is_obj_type(self, OBJ_DICT_KEYS) && !value_write_repr_in(vm, b, e->value, &inner)) return false;
        if (is_obj_type(self, OBJ_DICT_ITEMS)) strbuf_append_cstr(vm, b, ")");
    }
    strbuf_append_cstr(vm, b, "])");
    return !b->failed;
}

static int keys_contains(Vm *vm, Value self, Value key) {
    Value unused;
    return dict_get(vm, view_dict(self), key, &unused);
}

/* (k, v) in d.items(): k is a key whose value equals v; anything but a pair is simply not there. */
static int items_contains(Vm *vm, Value self, Value item) {
    if (!IS_TUPLE(item) || AS_TUPLE(item)->count != 2) return 0;
    Value value;
    int found = dict_get(vm, view_dict(self), AS_TUPLE(item)->items[0], &value);
    if (found != 1) return found;
    return value_equal_items(vm, value, AS_TUPLE(item)->items[1], 0);
}

static int values_contains(Vm *vm, Value self, Value item) {
    const Map *map = &view_dict(self)->map;
    uint32_t at = 0;
    for (MapEntry *e; map_next(map, &at, &e);) {
        int found = value_equal_items(vm, e->value, item, 0);
        if (found != 0) return found;
    }
    return 0;
}

static bool keys_iter(Vm *vm, Value self, Value *iter) {
    return map_iter_new(vm, &view_dict(self)->obj, OBJ_DICT_KEYITER, iter);
}
static bool values_iter(Vm *vm, Value self, Value *iter) {
    return map_iter_new(vm, &view_dict(self)->obj, OBJ_DICT_VALUEITER, iter);
}
static bool items_iter(Vm *vm, Value self, Value *iter) {
    return map_iter_new(vm, &view_dict(self)->obj, OBJ_DICT_ITEMITER, iter);
}

const TypeInfo dict_keys_type = {
    .name = "dict_keys", .free = view_free, .mark = view_mark, .repr = view_repr,
    .equal = setlike_equal, .compare = setlike_compare, .truthy = view_truthy, .len = view_len,
    .contains = keys_contains,
    .get_iter = keys_iter, .binary_op = setlike_binary_op,
};
const TypeInfo dict_items_type = {
    .name = "dict_items", .free = view_free, .mark = view_mark, .repr = view_repr,
    .equal = setlike_equal, .compare = setlike_compare, .truthy = view_truthy, .len = view_len,
    .contains = items_contains,
    .get_iter = items_iter, .binary_op = setlike_binary_op,
};
const TypeInfo dict_values_type = {
    .name = "dict_values", .free = view_free, .mark = view_mark, .repr = view_repr,
    .truthy = view_truthy, .len = view_len, .contains = values_contains, .get_iter = values_iter,
};
