/* builtins_iter.c: the builtins over iterables: min, max, sum, any, all, list, tuple, sorted, iter, next,
 * and the constructors of the iterator types enumerate, zip, map, filter and reversed
 * (objects/iter_builtins.c), with CPython 3.11's keywords (key=, default=, reverse=, start=, strict=) and
 * messages.
 *
 * builtins.c puts builtin_iter_defs in the builtin table; types.c makes enumerate ... reversed type
 * objects whose constructors are these functions. Key functions are called through vm->call_value; what
 * they return is held in vm->temp_roots.
 */
#include <string.h>

#include "core/vm.h"
#include "modules/builtins.h"
#include "objects/args.h"
#include "objects/object.h"
#include "ops/runtime.h"

/* --- min, max ------------------------------------------------------------------------------------------ */

typedef struct {
    int op;        /* CMP_GT for max, CMP_LT for min: an item replaces the best only if strictly better */
    Value key;     /* the key function, or None */
    int root_slot; /* temp roots: the best item so far, then its key */
    bool found;
} MinMax;

static int visit_minmax(Vm *vm, Value item, void *ctx) {
    MinMax *m = ctx;
    Value key = item;
    if (!IS_NONE(m->key)) {
        vm_push_root(vm, item);
        bool ok = vm->call_value(vm, m->key, &item, 1, NULL, &key);
        vm_pop_root(vm);
        if (!ok) return -1;
    }
    if (m->found) {
        Value best_key = vm->temp_roots[m->root_slot + 1];
        bool better;
        if (IS_INT(key) && IS_INT(best_key)) {
            better = compare_ints(m->op, AS_INT(key), AS_INT(best_key));
        } else {
            vm_push_root(vm, key);
            int r = value_compare(vm, m->op, key, best_key, 0);
            vm_pop_root(vm);
            if (r < 0) return -1;
            better = r == 1;
        }
        if (!better) return 1;
    }
    vm->temp_roots[m->root_slot] = item;
    vm->temp_roots[m->root_slot + 1] = key;
    m->found = true;
    return 1;
}

/* min(iterable, *, key=None, default=...) and min(a, b, *args, key=None). */
static bool min_max(Vm *vm, Value *args, int argc, ObjTuple *kwnames, int op, const char *name, Value *result) {
    static const char *const names[] = {"key", "default", NULL};
    Value options[2] = {undef_value(), undef_value()};
    int npos = positional_count(argc, kwnames);
    if (!keyword_args(vm, name, args, argc, kwnames, names, options)) return false;
    if (npos == 0) return vm_raise(vm, EXC_TYPE_ERROR, "%s expected at least 1 argument, got 0", name);
    if (npos > 1 && !IS_UNDEF(options[1])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "Cannot specify a default for %s() with multiple positional arguments",
                        name);
    }
    MinMax m = {op, IS_UNDEF(options[0]) ? none_value() : options[0], vm->temp_root_count, false};
    vm_push_root(vm, none_value());
    vm_push_root(vm, none_value());
    bool ok = true;
    if (npos == 1) {
        ok = for_each(vm, args[0], visit_minmax, &m);
    } else {
        for (int i = 0; i < npos && ok; i++) ok = visit_minmax(vm, args[i], &m) >= 0;
    }
    Value best = vm->temp_roots[m.root_slot];
    vm_pop_root(vm);
    vm_pop_root(vm);
    if (!ok) return false;
    if (!m.found && !IS_UNDEF(options[1])) best = options[1];
    else if (!m.found) return vm_raise(vm, EXC_VALUE_ERROR, "%s() arg is an empty sequence", name);
    *result = best;
    return true;
}

NATIVE(builtin_max) { return min_max(vm, args, argc, kwnames, CMP_GT, "max", result); }

NATIVE(builtin_min) { return min_max(vm, args, argc, kwnames, CMP_LT, "min", result); }

/* --- sum, any, all ------------------------------------------------------------------------------------- */

static int visit_sum(Vm *vm, Value item, void *ctx) {
    int slot = *(int *)ctx;
    Value total = vm->temp_roots[slot];
    int64_t i;
    if (IS_INT(total) && IS_INT(item) && !__builtin_add_overflow(AS_INT(total), AS_INT(item), &i)) {
        vm->temp_roots[slot] = int_value(i);
        return 1;
    }
    Value sum;
    if (!rt_binary_op(vm, NB_ADD, total, item, &sum)) return -1;
    vm->temp_roots[slot] = sum;
    return 1;
}

/* sum(iterable, /, start=0) */
NATIVE(builtin_sum) {
    static const char *const names[] = {"start", NULL};
    int npos = positional_count(argc, kwnames);
    Value start = int_value(0);
    if (npos == 0) return vm_raise(vm, EXC_TYPE_ERROR, "sum() takes at least 1 positional argument (0 given)");
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "sum() takes at most 2 arguments (%d given)", argc);
    if (npos == 2) start = args[1];
    if (!keyword_args(vm, "sum", args, argc, kwnames, names, &start)) return false;
    if (IS_STRING(start)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "sum() can't sum strings [use ''.join(seq) instead]");
    }
    int slot = vm->temp_root_count;
    vm_push_root(vm, start);
    bool ok = for_each(vm, args[0], visit_sum, &slot);
    *result = vm->temp_roots[slot];
    vm_pop_root(vm);
    return ok;
}

/* any() stops at the first true item, all() at the first false one. */
static int visit_any(Vm *vm, Value item, void *ctx) {
    (void)vm;
    if (!rt_truthy(item)) return 1;
    *(bool *)ctx = true;
    return 0;
}

static int visit_all(Vm *vm, Value item, void *ctx) {
    (void)vm;
    if (rt_truthy(item)) return 1;
    *(bool *)ctx = false;
    return 0;
}

NATIVE(builtin_any) {
    (void)kwnames;
    if (!exactly_one(vm, "any", argc)) return false;
    bool found = false;
    if (!for_each(vm, args[0], visit_any, &found)) return false;
    *result = bool_value(found);
    return true;
}

NATIVE(builtin_all) {
    (void)kwnames;
    if (!exactly_one(vm, "all", argc)) return false;
    bool all = true;
    if (!for_each(vm, args[0], visit_all, &all)) return false;
    *result = bool_value(all);
    return true;
}

/* --- list, tuple, sorted ------------------------------------------------------------------------------- */

NATIVE(builtin_list) {
    (void)kwnames;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "list expected at most 1 argument, got %d", argc);
    ObjList *list = argc == 0 ? list_new(vm, 0) : list_from_iterable(vm, args[0]);
    if (list == NULL) return false;
    *result = obj_value(&list->obj);
    return true;
}

NATIVE(builtin_tuple) {
    (void)kwnames;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "tuple expected at most 1 argument, got %d", argc);
    if (argc == 1 && IS_TUPLE(args[0])) {
        *result = args[0];
        return true;
    }
    if (argc == 1 && IS_LIST(args[0])) {
        return rt_build_tuple(vm, AS_LIST(args[0])->items, AS_LIST(args[0])->count, result);
    }
    ObjList *list = argc == 0 ? list_new(vm, 0) : list_from_iterable(vm, args[0]);
    if (list == NULL) return false;
    vm_push_root(vm, obj_value(&list->obj));
    bool ok = rt_build_tuple(vm, list->items, list->count, result);
    vm_pop_root(vm);
    return ok;
}

/* sorted(iterable, /, *, key=None, reverse=False): list.sort on a new list. */
NATIVE(builtin_sorted) {
    int npos = positional_count(argc, kwnames);
    if (npos != 1) return vm_raise(vm, EXC_TYPE_ERROR, "sorted expected 1 argument, got %d", npos);
    ObjList *list = list_from_iterable(vm, args[0]);
    if (list == NULL) return false;
    vm_push_root(vm, obj_value(&list->obj));
    bool ok = list_sort(vm, list, args + 1, kwnames);
    vm_pop_root(vm);
    *result = obj_value(&list->obj);
    return ok;
}

/* --- iter, next ---------------------------------------------------------------------------------------- */

NATIVE(builtin_iter) {
    (void)kwnames;
    if (argc == 0) return vm_raise(vm, EXC_TYPE_ERROR, "iter expected at least 1 argument, got 0");
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "iter expected at most 2 arguments, got %d", argc);
    if (argc == 1) return value_get_iter(vm, args[0], result);
    bool callable = IS_FUNCTION(args[0]) || (IS_OBJ(args[0]) && type_of_obj(AS_OBJ(args[0]))->call != NULL);
    if (!callable) return vm_raise(vm, EXC_TYPE_ERROR, "iter(v, w): v must be callable");
    ObjCallableIter *it = callable_iter_new(vm, args[0], args[1]);
    if (it == NULL) return false;
    *result = obj_value(&it->obj);
    return true;
}

/* next(iterator[, default]): StopIteration when exhausted and no default. */
NATIVE(builtin_next) {
    (void)kwnames;
    if (argc == 0) return vm_raise(vm, EXC_TYPE_ERROR, "next expected at least 1 argument, got 0");
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "next expected at most 2 arguments, got %d", argc);
    /* A generator's return value becomes StopIteration(value), which only next() and send() show. */
    if (argc == 1 && IS_GENERATOR(args[0])) return generator_send(vm, AS_GENERATOR(args[0]), none_value(), result);
    int status = value_next(vm, args[0], result);
    if (status < 0) return false;
    if (status == 1) return true;
    if (argc == 2) {
        *result = args[1];
        return true;
    }
    return vm_raise(vm, EXC_STOP_ITERATION, "%s", "");
}

/* --- enumerate, zip, map, filter, reversed ------------------------------------------------------------- */

/* enumerate(iterable, start=0) */
NATIVE(builtin_enumerate) {
    static const char *const names[] = {"iterable", "start", NULL};
    Value params[2] = {undef_value(), undef_value()};
    int npos = positional_count(argc, kwnames);
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "enumerate() takes at most 2 arguments (%d given)", argc);
    for (int i = 0; i < npos; i++) params[i] = args[i];
    if (!keyword_args(vm, "enumerate", args, argc, kwnames, names, params)) return false;
    if (IS_UNDEF(params[0])) return vm_raise(vm, EXC_TYPE_ERROR, "enumerate() missing required argument 'iterable'");
    int64_t start = 0;
    if (!IS_UNDEF(params[1]) && !int_arg(vm, params[1], &start)) return false;
    Value it;
    if (!value_get_iter(vm, params[0], &it)) return false;
    ObjEnumerate *e = enumerate_new(vm, it, start);
    if (e == NULL) return false;
    *result = obj_value(&e->obj);
    return true;
}

/* A tuple of iter(x) for each of the [count] values at [values]; NULL with an error set. */
static ObjTuple *iterators_of(Vm *vm, const Value *values, int count) {
    ObjTuple *iters = tuple_new(vm, (uint32_t)count);
    if (iters == NULL) return NULL;
    vm_push_root(vm, obj_value(&iters->obj));
    bool ok = true;
    for (int i = 0; i < count && ok; i++) ok = value_get_iter(vm, values[i], &iters->items[i]);
    vm_pop_root(vm);
    return ok ? iters : NULL;
}

/* zip(*iterables, strict=False) */
NATIVE(builtin_zip) {
    static const char *const names[] = {"strict", NULL};
    Value strict = bool_value(false);
    if (!keyword_args(vm, "zip", args, argc, kwnames, names, &strict)) return false;
    ObjTuple *iters = iterators_of(vm, args, positional_count(argc, kwnames));
    if (iters == NULL) return false;
    ObjZip *z = zip_new(vm, iters, value_bool(strict));
    if (z == NULL) return false;
    *result = obj_value(&z->obj);
    return true;
}

/* map(function, iterable, *iterables) */
NATIVE(builtin_map) {
    (void)kwnames;
    if (argc < 2) return vm_raise(vm, EXC_TYPE_ERROR, "map() must have at least two arguments.");
    ObjTuple *iters = iterators_of(vm, args + 1, argc - 1);
    if (iters == NULL) return false;
    ObjMapBuiltin *m = map_builtin_new(vm, OBJ_MAP, args[0], iters);
    if (m == NULL) return false;
    *result = obj_value(&m->obj);
    return true;
}

/* filter(function or None, iterable) */
NATIVE(builtin_filter) {
    (void)kwnames;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "filter expected 2 arguments, got %d", argc);
    ObjTuple *iters = iterators_of(vm, args + 1, 1);
    if (iters == NULL) return false;
    ObjFilter *f = map_builtin_new(vm, OBJ_FILTER, args[0], iters);
    if (f == NULL) return false;
    *result = obj_value(&f->obj);
    return true;
}

/* reversed(sequence): a range gives a range iterator running backwards, as in CPython; anything else
 * with len() and subscripts a reversed object that indexes it from the end. */
NATIVE(builtin_reversed) {
    (void)kwnames;
    if (argc != 1) return vm_raise(vm, EXC_TYPE_ERROR, "reversed expected 1 argument, got %d", argc);
    Value seq = args[0];
    int64_t length;
    if (IS_BIG_RANGE(seq)) {
        ObjBigRange *big = AS_BIG_RANGE(seq);
        return range_reversed_values(vm, big->start, big->step, big->length, result);
    }
    if (IS_RANGE(seq) && range_count(AS_RANGE(seq)) > INT64_MAX) { /* reversed(range(-2**63, 2**63 - 1)) */
        ObjRange *range = AS_RANGE(seq);
        Value n;
        if (!range_length_as_value(vm, range, &n)) return false;
        vm_push_root(vm, n);
        bool ok = range_reversed_values(vm, int_value(range->start), int_value(range->step), n, result);
        vm_pop_root(vm);
        return ok;
    }
    if (IS_RANGE(seq)) {
        ObjRange *range = AS_RANGE(seq);
        if (!range_length(vm, range, &length)) return false;
        /* From the last element down to start: stop one step past start, saturated (an int64 edge). */
        int64_t last = range->start + (length > 0 ? (length - 1) * range->step : 0); /* an element or start */
        int64_t step = range->step == INT64_MIN ? INT64_MAX : -range->step, stop;
        if (__builtin_add_overflow(range->start, step, &stop)) stop = step > 0 ? INT64_MAX : INT64_MIN;
        if (length == 0) last = stop = range->start;
        ObjRangeIter *it = range_iter_new(vm, last, stop, step);
        if (it == NULL) return false;
        *result = obj_value(&it->obj);
        return true;
    }
    const TypeInfo *type = IS_OBJ(seq) ? type_of_obj(AS_OBJ(seq)) : NULL;
    if (type == NULL || type->len == NULL || type->subscript == NULL) {
        return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not reversible", value_type_name(seq));
    }
    if (!type->len(vm, seq, &length)) return false;
    ObjReversed *r = reversed_new(vm, seq, length);
    if (r == NULL) return false;
    *result = obj_value(&r->obj);
    return true;
}

const MethodDef builtin_iter_defs[] = {
    {"min", builtin_min, true},           {"max", builtin_max, true},
    {"sum", builtin_sum, true},           {"any", builtin_any, false},
    {"all", builtin_all, false},          {"list", builtin_list, false},
    {"tuple", builtin_tuple, false},      {"sorted", builtin_sorted, true},
    {"iter", builtin_iter, false},        {"next", builtin_next, false},
    {"enumerate", builtin_enumerate, true}, {"zip", builtin_zip, true},
    {"map", builtin_map, false},          {"filter", builtin_filter, false},
    {"reversed", builtin_reversed, false}, {NULL, NULL, 0},
};
