/* dict_methods.c: the methods of dict (get, setdefault, pop, popitem, update, copy, clear, fromkeys,
 * keys, values, items), with CPython 3.11's behaviour and messages.
 *
 * LOAD_METHOD finds them through dict_type.methods and passes the dict as args[0]. fromkeys is a class
 * method (METHOD_CLASS): through the type (dict.fromkeys) or an instance, args[0] is the type object.
 */
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

/* CPython's argument-count messages for the methods that take a range: "get expected at least 1
 * argument, got 0", "pop expected at most 2 arguments, got 3". [argc] counts the dict. */
static bool arguments_between(Vm *vm, const char *method, int argc, int least, int most) {
    int given = argc - 1;
    if (given < least) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s expected at least %d argument%s, got %d", method, least,
                        least == 1 ? "" : "s", given);
    }
    if (given > most) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s expected at most %d argument%s, got %d", method, most,
                        most == 1 ? "" : "s", given);
    }
    return true;
}

static bool no_arguments(Vm *vm, const char *method, int argc) {
    if (argc == 1) return true;
    return vm_raise(vm, EXC_TYPE_ERROR, "dict.%s() takes no arguments (%d given)", method, argc - 1);
}

NATIVE(dict_get_method) {
    (void)kwnames;
    if (!arguments_between(vm, "get", argc, 1, 2)) return false;
    int found = dict_get(vm, AS_DICT(args[0]), args[1], result);
    if (found == 0) *result = argc == 3 ? args[2] : none_value();
    return found >= 0;
}

NATIVE(dict_setdefault_method) {
    (void)kwnames;
    if (!arguments_between(vm, "setdefault", argc, 1, 2)) return false;
    ObjDict *dict = AS_DICT(args[0]);
    uint64_t hash;
    if (!value_hash_key(vm, args[1], &hash)) return false;
    int found = dict_get_hashed(vm, dict, hash, args[1], result);
    if (found != 0) return found == 1;
    *result = argc == 3 ? args[2] : none_value();
    return dict_set_hashed(vm, dict, hash, args[1], *result);
}

/* d.pop(key[, default]): the value, removed; KeyError(key) when absent and no default. */
NATIVE(dict_pop_method) {
    (void)kwnames;
    if (!arguments_between(vm, "pop", argc, 1, 2)) return false;
    Map *map = &AS_DICT(args[0])->map;
    uint64_t hash;
    if (!value_hash_key(vm, args[1], &hash)) return false;
    uint32_t entry;
    int found = map_find(map, hash, args[1], map_key_equal, vm, &entry);
    if (found < 0) return false;
    if (found == 0) {
        if (argc == 3) {
            *result = args[2];
            return true;
        }
        return dict_key_error(vm, args[1]);
    }
    *result = map_entry(map, entry)->value;
    map_delete_entry(map, entry);
    return true;
}

/* d.popitem(): the last (key, value) pair, removed (LIFO, as CPython 3.7+). */
NATIVE(dict_popitem_method) {
    (void)kwnames;
    if (!no_arguments(vm, "popitem", argc)) return false;
    Map *map = &AS_DICT(args[0])->map;
    uint32_t last;
    if (!map_last(map, &last)) return key_error_text(vm, "popitem(): dictionary is empty");
    MapEntry e = *map_entry(map, last);
    if (!dict_pair(vm, e.key, e.value, result)) return false; /* before removing: the pair may not fit */
    map_delete_entry(map, last);
    return true;
}

/* d.update([other], **kwargs). */
NATIVE(dict_update_method) {
    int npos = positional_count(argc, kwnames);
    if (npos > 2) return vm_raise(vm, EXC_TYPE_ERROR, "update expected at most 1 argument, got %d", npos - 1);
    ObjDict *dict = AS_DICT(args[0]);
    if (npos == 2 && !dict_update_from(vm, dict, args[1])) return false;
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        if (!dict_set(vm, dict, kwnames->items[k], args[npos + (int)k])) return false;
    }
    *result = none_value();
    return true;
}

NATIVE(dict_copy_method) {
    (void)kwnames;
    if (!no_arguments(vm, "copy", argc)) return false;
    ObjDict *copy = dict_new(vm);
    if (copy == NULL) return false;
    vm_push_root(vm, obj_value(&copy->obj));
    bool ok = dict_update_from(vm, copy, args[0]);
    vm_pop_root(vm);
    *result = obj_value(&copy->obj);
    return ok;
}

NATIVE(dict_clear_method) {
    (void)kwnames;
    if (!no_arguments(vm, "clear", argc)) return false;
    map_free(&AS_DICT(args[0])->map);
    *result = none_value();
    return true;
}

typedef struct {
    ObjDict *dict;
    Value value;
} FromKeys;

static int add_key(Vm *vm, Value key, void *ctx) {
    FromKeys *f = ctx;
    return dict_set(vm, f->dict, key, f->value) ? 1 : -1;
}

/* dict.fromkeys(iterable[, value]): a new dict mapping each item to value (None by default). */
NATIVE(dict_fromkeys_method) {
    (void)kwnames;
    if (!arguments_between(vm, "fromkeys", argc, 1, 2)) return false;
    ObjDict *dict = dict_new(vm);
    if (dict == NULL) return false;
    vm_push_root(vm, obj_value(&dict->obj));
    FromKeys f = {dict, argc == 3 ? args[2] : none_value()};
    bool ok = for_each(vm, args[1], add_key, &f);
    vm_pop_root(vm);
    *result = obj_value(&dict->obj);
    return ok;
}

static bool view_method(Vm *vm, const char *name, ObjType type, Value *args, int argc, Value *result) {
    if (!no_arguments(vm, name, argc)) return false;
    return dict_view_new(vm, AS_DICT(args[0]), type, result);
}

NATIVE(dict_keys_method) {
    (void)kwnames;
    return view_method(vm, "keys", OBJ_DICT_KEYS, args, argc, result);
}

NATIVE(dict_values_method) {
    (void)kwnames;
    return view_method(vm, "values", OBJ_DICT_VALUES, args, argc, result);
}

NATIVE(dict_items_method) {
    (void)kwnames;
    return view_method(vm, "items", OBJ_DICT_ITEMS, args, argc, result);
}

const MethodDef dict_methods[] = {
    {"get", dict_get_method, false},
    {"setdefault", dict_setdefault_method, false},
    {"pop", dict_pop_method, false},
    {"popitem", dict_popitem_method, false},
    {"update", dict_update_method, true},
    {"copy", dict_copy_method, false},
    {"clear", dict_clear_method, false},
    {"fromkeys", dict_fromkeys_method, METHOD_CLASS},
    {"keys", dict_keys_method, false},
    {"values", dict_values_method, false},
    {"items", dict_items_method, false},
    {NULL, NULL, false},
};
