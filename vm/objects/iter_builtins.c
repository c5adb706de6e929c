/* iter_builtins.c: the iterators of enumerate, zip, map, filter, reversed and iter(f, sentinel)
 * (iter_builtins.h): their constructors and slots. CPython's ValueError messages for zip(strict=True),
 * word for word.
 *
 * map, filter and iter(f, sentinel) call Python through vm->call_value, so this file needs nothing of the
 * interpreter. An item taken from an iterator is held in vm->temp_roots (or the map's own args tuple)
 * while the next allocation or call runs: a called function may rebind the parameter that held it.
 */
#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

/* --- Constructors -------------------------------------------------------------------------------------- */

ObjEnumerate *enumerate_new(Vm *vm, Value it, int64_t start) {
    vm_push_root(vm, it);
    ObjEnumerate *e = (ObjEnumerate *)gc_allocate_object(vm, sizeof(ObjEnumerate), OBJ_ENUMERATE);
    vm_pop_root(vm);
    if (e == NULL) return NULL;
    e->it = it;
    e->count = start;
    return e;
}

ObjZip *zip_new(Vm *vm, ObjTuple *iters, bool strict) {
    vm_push_root(vm, obj_value(&iters->obj));
    ObjZip *z = (ObjZip *)gc_allocate_object(vm, sizeof(ObjZip), OBJ_ZIP);
    vm_pop_root(vm);
    if (z == NULL) return NULL;
    z->iters = iters;
    z->strict = strict;
    z->done = false;
    return z;
}

/* [type] is OBJ_MAP or OBJ_FILTER (which has one iterator and needs no args tuple). */
ObjMapBuiltin *map_builtin_new(Vm *vm, ObjType type, Value function, ObjTuple *iters) {
    vm_push_root(vm, function);
    vm_push_root(vm, obj_value(&iters->obj));
    ObjTuple *args = type == OBJ_MAP ? tuple_new(vm, iters->count) : NULL;
    if (args != NULL) vm_push_root(vm, obj_value(&args->obj));
    bool ready = type != OBJ_MAP || args != NULL;
    ObjMapBuiltin *m = ready ? (ObjMapBuiltin *)gc_allocate_object(vm, sizeof(ObjMapBuiltin), type) : NULL;
    if (args != NULL) vm_pop_root(vm);
    vm_pop_root(vm);
    vm_pop_root(vm);
    if (m == NULL) return NULL;
    m->function = function;
    m->iters = iters;
    m->args = args;
    return m;
}

ObjReversed *reversed_new(Vm *vm, Value seq, int64_t length) {
    vm_push_root(vm, seq);
    ObjReversed *r = (ObjReversed *)gc_allocate_object(vm, sizeof(ObjReversed), OBJ_REVERSED);
    vm_pop_root(vm);
    if (r == NULL) return NULL;
    r->seq = seq;
    r->index = length - 1;
    return r;
}

ObjCallableIter *callable_iter_new(Vm *vm, Value function, Value sentinel) {
    vm_push_root(vm, function);
    vm_push_root(vm, sentinel);
    ObjCallableIter *it = (ObjCallableIter *)gc_allocate_object(vm, sizeof(ObjCallableIter), OBJ_CALLABLE_ITER);
    vm_pop_root(vm);
    vm_pop_root(vm);
    if (it == NULL) return NULL;
    it->function = function;
    it->sentinel = sentinel;
    return it;
}

/* --- next ---------------------------------------------------------------------------------------------- */

/* (a, b) as a new tuple; a and b need no rooting. */
static bool make_pair(Vm *vm, Value a, Value b, Value *result) {
    vm_push_root(vm, a);
    vm_push_root(vm, b);
    ObjTuple *pair = tuple_new(vm, 2);
    vm_pop_root(vm);
    vm_pop_root(vm);
    if (pair == NULL) return false;
    pair->items[0] = a;
    pair->items[1] = b;
    *result = obj_value(&pair->obj);
    return true;
}

static int enumerate_next(Vm *vm, Value self, Value *item) {
    ObjEnumerate *e = (ObjEnumerate *)AS_OBJ(self);
    Value next;
    int status = value_next(vm, e->it, &next);
    if (status <= 0) return status;
    if (e->count == INT64_MAX) {
        vm_raise(vm, EXC_OVERFLOW_ERROR, "integer overflow");
        return -1;
    }
    int64_t index = e->count++;
    return make_pair(vm, int_value(index), next, item) ? 1 : -1;
}

/* "zip() argument 3 is longer than arguments 1-2": CPython's wording for a strict zip's odd one out. */
static int zip_length_error(Vm *vm, uint32_t i, const char *how) {
    if (i == 1) vm_raise(vm, EXC_VALUE_ERROR, "zip() argument 2 is %s than argument 1", how);
    else vm_raise(vm, EXC_VALUE_ERROR, "zip() argument %u is %s than arguments 1-%u", i + 1, how, i);
    return -1;
}

/* A strict zip whose first iterator ran out: every other one must be exhausted too. */
static int zip_check_rest(Vm *vm, ObjZip *z) {
    for (uint32_t j = 1; j < z->iters->count; j++) {
        Value extra;
        int status = value_next(vm, z->iters->items[j], &extra);
        if (status < 0) return -1;
        if (status == 1) return zip_length_error(vm, j, "longer");
    }
    return 0;
}

static int zip_next(Vm *vm, Value self, Value *item) {
    ObjZip *z = (ObjZip *)AS_OBJ(self);
    uint32_t n = z->iters->count;
    if (z->done || n == 0) return 0;
    ObjTuple *tuple = tuple_new(vm, n);
    if (tuple == NULL) return -1;
    vm_push_root(vm, obj_value(&tuple->obj));
    int status = 1;
    for (uint32_t i = 0; i < n && status == 1; i++) {
        status = value_next(vm, z->iters->items[i], &tuple->items[i]);
        if (status == 0) {
            z->done = true;
            if (z->strict) status = i > 0 ? zip_length_error(vm, i, "shorter") : zip_check_rest(vm, z);
        }
    }
    vm_pop_root(vm);
    if (status == 1) *item = obj_value(&tuple->obj);
    return status;
}

static int map_builtin_next(Vm *vm, Value self, Value *item) {
    ObjMapBuiltin *m = (ObjMapBuiltin *)AS_OBJ(self);
    for (uint32_t i = 0; i < m->iters->count; i++) {
        int status = value_next(vm, m->iters->items[i], &m->args->items[i]);
        if (status <= 0) return status;
    }
    return vm->call_value(vm, m->function, m->args->items, (int)m->args->count, NULL, item) ? 1 : -1;
}

/* The next item for which the predicate (or, for None, the item itself) is true. */
static int filter_next(Vm *vm, Value self, Value *item) {
    ObjFilter *f = (ObjFilter *)AS_OBJ(self);
    int slot = vm->temp_root_count;
    vm_push_root(vm, none_value());
    int status;
    Value next;
    while ((status = value_next(vm, f->iters->items[0], &next)) == 1) {
        vm->temp_roots[slot] = next;
        bool keep;
        if (IS_NONE(f->function)) {
            keep = value_bool(next);
        } else {
            Value verdict;
            if (!vm->call_value(vm, f->function, &next, 1, NULL, &verdict)) {
                status = -1;
                break;
            }
            keep = value_bool(verdict);
        }
        if (keep) break;
        /* filter(None, range(10**15)) loops here, not in bytecode: interrupts must reach it. */
        if (__builtin_expect(vm->exec.interrupt != 0, 0) && !rt_interrupted(vm)) {
            status = -1;
            break;
        }
    }
    vm_pop_root(vm);
    if (status == 1) *item = next;
    return status;
}

/* A list is read by its live count (it may shrink meanwhile); anything else through its subscript slot. */
static int reversed_next(Vm *vm, Value self, Value *item) {
    ObjReversed *r = (ObjReversed *)AS_OBJ(self);
    if (r->index < 0) return 0;
    int64_t index = r->index--;
    if (IS_LIST(r->seq)) {
        if (index >= (int64_t)AS_LIST(r->seq)->count) {
            r->index = -1;
            return 0;
        }
        *item = AS_LIST(r->seq)->items[index];
        return 1;
    }
    return value_subscript(vm, r->seq, int_value(index), item) ? 1 : -1;
}

/* The function's next result, until it equals the sentinel (identity first, then ==, as CPython). */
static int callable_iter_next(Vm *vm, Value self, Value *item) {
    ObjCallableIter *it = (ObjCallableIter *)AS_OBJ(self);
    if (IS_NONE(it->function)) return 0;
    Value result;
    if (!vm->call_value(vm, it->function, NULL, 0, NULL, &result)) return -1;
    vm_push_root(vm, result);
    int done = value_equal_items(vm, it->sentinel, result, 0);
    vm_pop_root(vm);
    if (done < 0) return -1;
    if (done == 1) {
        it->function = none_value();
        return 0;
    }
    *item = result;
    return 1;
}

/* --- The other slots ----------------------------------------------------------------------------------- */

static void enumerate_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjEnumerate)); }
static void zip_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjZip)); }
static void map_builtin_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjMapBuiltin)); }
static void reversed_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjReversed)); }
static void callable_iter_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjCallableIter)); }

static void callable_iter_mark(GcMarker *marker, Obj *obj) {
    gc_mark_value(marker, ((ObjCallableIter *)obj)->function);
    gc_mark_value(marker, ((ObjCallableIter *)obj)->sentinel);
}

static void enumerate_mark(GcMarker *marker, Obj *obj) { gc_mark_value(marker, ((ObjEnumerate *)obj)->it); }
static void zip_mark(GcMarker *marker, Obj *obj) { gc_mark_object(marker, (Obj *)((ObjZip *)obj)->iters); }
static void reversed_mark(GcMarker *marker, Obj *obj) { gc_mark_value(marker, ((ObjReversed *)obj)->seq); }

static void map_builtin_mark(GcMarker *marker, Obj *obj) {
    ObjMapBuiltin *m = (ObjMapBuiltin *)obj;
    gc_mark_value(marker, m->function);
    gc_mark_object(marker, (Obj *)m->iters);
    gc_mark_object(marker, (Obj *)m->args);
}

static bool self_iter(Vm *vm, Value self, Value *iter) {
    (void)vm;
    *iter = self;
    return true;
}

/* <enumerate object at 0x...>; CPython's reversed over a list is a list_reverseiterator. */
static bool iterator_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    const char *name = type_of_obj(AS_OBJ(self))->name;
    if (is_obj_type(self, OBJ_REVERSED) && IS_LIST(((ObjReversed *)AS_OBJ(self))->seq)) name = "list_reverseiterator";
    strbuf_append_format(vm, b, "<%s object at %p>", name, (void *)AS_OBJ(self));
    return !b->failed;
}

const TypeInfo enumerate_type = {
    .name = "enumerate", .free = enumerate_free, .mark = enumerate_mark, .repr = iterator_repr,
    .get_iter = self_iter, .next = enumerate_next,
};
const TypeInfo zip_type = {
    .name = "zip", .free = zip_free, .mark = zip_mark, .repr = iterator_repr, .get_iter = self_iter, .next = zip_next,
};
const TypeInfo map_type = {
    .name = "map", .free = map_builtin_free, .mark = map_builtin_mark, .repr = iterator_repr, .get_iter = self_iter,
    .next = map_builtin_next,
};
const TypeInfo filter_type = {
    .name = "filter", .free = map_builtin_free, .mark = map_builtin_mark, .repr = iterator_repr, .get_iter = self_iter,
    .next = filter_next,
};
const TypeInfo reversed_type = {
    .name = "reversed", .free = reversed_free, .mark = reversed_mark, .repr = iterator_repr,
    .get_iter = self_iter, .next = reversed_next,
};
const TypeInfo callable_iter_type = {
    .name = "callable_iterator", .free = callable_iter_free, .mark = callable_iter_mark, .repr = iterator_repr,
    .get_iter = self_iter, .next = callable_iter_next,
};
