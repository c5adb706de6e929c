/* unpack.c: the slow paths of star calls and star unpacking: f(*a, **k) (CALL_FUNCTION_EX, DICT_MERGE),
 * displays [*a, *b], {*a}, {**d} (LIST_EXTEND, SET_UPDATE, DICT_UPDATE), and a, *b, c = x (UNPACK_EX).
 *
 * The compiler builds a star call's arguments as one tuple and one dict, as CPython 3.11 does, and
 * CALL_FUNCTION_EX spreads them out again for rt_call_value, which copies them above everything in use
 * on the stack: however many there are, the verified max_stack of the caller is never exceeded. Every
 * message is CPython's, naming the callee as it does ("__main__.f()", "print()").
 */
#include "core/vm.h"
#include "objects/object.h"
#include "ops/runtime.h"

/* How CPython names a callable in call errors: __main__.f() for a function, print() for a builtin. */
static void callee_name(Value f, char *out, size_t size) {
    if (IS_FUNCTION(f)) snprintf(out, size, "__main__.%s()", AS_FUNCTION(f)->code->name->chars);
    else if (IS_BUILTIN(f)) snprintf(out, size, "%s()", AS_BUILTIN(f)->name);
    else if (IS_TYPE_OBJECT(f)) snprintf(out, size, "%s()", AS_TYPE_OBJECT(f)->name);
    else snprintf(out, size, "%s object", value_type_name(f));
}

/* Checks that [v] can be iterated, raising "PREFIX must be an iterable, not T" if not. */
static bool check_iterable(Vm *vm, Value v, const char *prefix) {
    if (IS_LIST(v) || IS_TUPLE(v)) return true;
    Value iter;
    if (value_get_iter(vm, v, &iter)) return true;
    if (vm->exc != EXC_TYPE_ERROR) return false;
    vm_clear_error(vm); /* the first error wins in vm_raise: this one replaces "not iterable" */
    return vm_raise(vm, EXC_TYPE_ERROR, "%s must be an iterable, not %.200s", prefix, value_type_name(v));
}

/* The positional arguments as a tuple: a tuple as it is, any other iterable collected (f(*range(3))). */
static bool args_tuple(Vm *vm, Value f, Value args, ObjTuple **out) {
    if (IS_TUPLE(args)) {
        *out = AS_TUPLE(args);
        return true;
    }
    char name[256], prefix[300];
    callee_name(f, name, sizeof name);
    snprintf(prefix, sizeof prefix, "%s argument after *", name);
    if (!check_iterable(vm, args, prefix)) return false;
    ObjList *list = list_from_iterable(vm, args);
    if (list == NULL) return false;
    vm_push_root(vm, obj_value(&list->obj));
    Value tuple;
    bool ok = rt_build_tuple(vm, list->items, list->count, &tuple);
    vm_pop_root(vm);
    if (ok) *out = AS_TUPLE(tuple);
    return ok;
}

bool rt_call_function_ex(Vm *vm, Value *callee, bool has_kwargs) {
    Value f = callee[0];
    ObjTuple *args;
    if (!args_tuple(vm, f, callee[1], &args)) return false;
    callee[1] = obj_value(&args->obj); /* rooted where the tuple was */
    if (has_kwargs && !IS_DICT(callee[2])) return vm_raise(vm, EXC_TYPE_ERROR, "CALL_FUNCTION_EX expects a dict of keywords");
    uint32_t nkw = has_kwargs ? map_count(&AS_DICT(callee[2])->map) : 0;
    if (nkw == 0) return rt_call_value(vm, f, args->items, (int)args->count, NULL, &callee[0]);
    /* Keywords: the values after the positional ones, their names in a tuple, as rt_call takes them. */
    uint64_t total = (uint64_t)args->count + nkw;
    if (total > CPVM_MAX_COUNT * 16u) return vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
    ObjTuple *all = tuple_new(vm, (uint32_t)total);
    if (all == NULL) return false;
    vm_push_root(vm, obj_value(&all->obj));
    ObjTuple *names = tuple_new(vm, nkw);
    if (names == NULL) {
        vm_pop_root(vm);
        return false;
    }
    vm_push_root(vm, obj_value(&names->obj));
    for (uint32_t i = 0; i < args->count; i++) all->items[i] = args->items[i];
    const Map *map = &AS_DICT(callee[2])->map;
    uint32_t position = 0, k = 0;
    MapEntry *entry;
    bool ok = true;
    while (ok && k < nkw && map_next(map, &position, &entry)) {
        if (!IS_STRING(entry->key)) ok = vm_raise(vm, EXC_TYPE_ERROR, "keywords must be strings");
        names->items[k] = entry->key;
        all->items[args->count + k++] = entry->value;
    }
    ok = ok && rt_call_value(vm, f, all->items, (int)total, names, &callee[0]);
    vm_pop_root(vm);
    vm_pop_root(vm);
    return ok;
}

/* f(**m): m's keys into the call's dict; a key already there is CPython's "got multiple values". */
static bool dict_merge(Vm *vm, ObjDict *dict, Value mapping, Value function) {
    char name[256];
    if (!IS_DICT(mapping)) {
        callee_name(function, name, sizeof name);
        return vm_raise(vm, EXC_TYPE_ERROR, "%s argument after ** must be a mapping, not %.200s", name,
                        value_type_name(mapping));
    }
    const Map *map = &AS_DICT(mapping)->map;
    uint32_t position = 0;
    MapEntry *entry;
    while (map_next(map, &position, &entry)) {
        Value key = entry->key, value = entry->value, old;
        if (!IS_STRING(key)) return vm_raise(vm, EXC_TYPE_ERROR, "keywords must be strings");
        int found = dict_get(vm, dict, key, &old);
        if (found < 0) return false;
        if (found == 1) {
            callee_name(function, name, sizeof name);
            return vm_raise(vm, EXC_TYPE_ERROR, "%s got multiple values for keyword argument '%s'", name,
                            AS_STRING(key)->chars);
        }
        if (!dict_set(vm, dict, key, value)) return false;
    }
    return true;
}

bool rt_display_extend(Vm *vm, int op, Value container, Value items, Value function) {
    switch (op) {
    case OP_LIST_EXTEND:
        if (!IS_LIST(container)) break;
        if (!check_iterable(vm, items, "Value after *")) return false;
        return list_extend_by(vm, AS_LIST(container), items);
    case OP_SET_UPDATE:
        if (!IS_SET(container)) break;
        return set_update_from(vm, AS_SET(container), items);
    case OP_DICT_UPDATE:
        if (!IS_DICT(container)) break;
        if (!IS_DICT(items)) return vm_raise(vm, EXC_TYPE_ERROR, "'%.200s' object is not a mapping", value_type_name(items));
        return dict_update_from(vm, AS_DICT(container), items);
    case OP_DICT_MERGE:
        if (!IS_DICT(container)) break;
        return dict_merge(vm, AS_DICT(container), items, function);
    default: break;
    }
    return vm_raise(vm, EXC_TYPE_ERROR, "%s cannot add to a '%s'", opcode_info[op].name, value_type_name(container));
}

bool rt_list_to_tuple(Vm *vm, Value list, Value *result) {
    if (!IS_LIST(list)) return vm_raise(vm, EXC_TYPE_ERROR, "LIST_TO_TUPLE expects a list");
    return rt_build_tuple(vm, AS_LIST(list)->items, AS_LIST(list)->count, result);
}

bool rt_unpack_ex(Vm *vm, Value seq, uint32_t before, uint32_t after, Value *dest) {
    Value iter;
    if (!IS_LIST(seq) && !IS_TUPLE(seq) && !value_get_iter(vm, seq, &iter)) {
        if (vm->exc != EXC_TYPE_ERROR) return false;
        vm_clear_error(vm);
        return vm_raise(vm, EXC_TYPE_ERROR, "cannot unpack non-iterable %.200s object", value_type_name(seq));
    }
    ObjList *all = list_from_iterable(vm, seq);
    if (all == NULL) return false;
    uint32_t n = all->count;
    if (n < before + after) {
        return vm_raise(vm, EXC_VALUE_ERROR, "not enough values to unpack (expected at least %u, got %u)",
                        before + after, n);
    }
    vm_push_root(vm, obj_value(&all->obj));
    Value middle;
    bool ok = rt_build_list(vm, all->items + before, n - before - after, &middle);
    vm_pop_root(vm);
    if (!ok) return false;
    /* Targets in order t_0 .. t_{before+after}: t_j goes to dest[total - 1 - j], so t_0 ends on top. */
    uint32_t total = before + after + 1;
    for (uint32_t j = 0; j < before; j++) dest[total - 1 - j] = all->items[j];
    dest[total - 1 - before] = middle;
    for (uint32_t j = 0; j < after; j++) dest[after - 1 - j] = all->items[n - after + j];
    return true;
}
