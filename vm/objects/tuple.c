/* tuple.c: Python's tuple: a fixed array of values stored inside the object, and its slots.
 */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"
#include "objects/sequence.h"

ObjTuple *tuple_new(Vm *vm, uint32_t count) {
    if (count > (UINT32_MAX - sizeof(ObjTuple)) / sizeof(Value)) {
        vm_raise(vm, EXC_MEMORY_ERROR, "tuple too long");
        return NULL;
    }
    ObjTuple *tuple = (ObjTuple *)gc_allocate_object(vm, sizeof(ObjTuple) + sizeof(Value) * count, OBJ_TUPLE);
    if (tuple == NULL) return NULL;
    tuple->count = count;
    for (uint32_t i = 0; i < count; i++) tuple->items[i] = none_value();
    return tuple;
}

static void tuple_free(Vm *vm, Obj *obj) {
    gc_free_object(vm, obj, sizeof(ObjTuple) + sizeof(Value) * ((ObjTuple *)obj)->count);
}

static void tuple_mark(GcMarker *marker, Obj *obj) {
    gc_mark_values(marker, ((ObjTuple *)obj)->items, ((ObjTuple *)obj)->count);
}

static bool tuple_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    return sequence_repr(vm, b, self, AS_TUPLE(self)->count, false, scope);
}

static int tuple_equal(Vm *vm, Value a, Value b, int depth) {
    return sequence_equal(vm, AS_TUPLE(a)->items, AS_TUPLE(a)->count, AS_TUPLE(b)->items, AS_TUPLE(b)->count, depth);
}

static int tuple_compare(Vm *vm, int op, Value a, Value b, int depth) {
    return sequence_compare(vm, op, AS_TUPLE(a)->items, AS_TUPLE(a)->count, AS_TUPLE(b)->items,
                            AS_TUPLE(b)->count, depth);
}

/* CPython 3.11's tuplehash (xxHash's mixing of the items' hashes), so hash((1, 2)) is the same number. */
static bool tuple_hash(Vm *vm, Value self, uint64_t *hash) {
    const uint64_t prime1 = 11400714785074694791ULL, prime2 = 14029467366897019727ULL,
                   prime5 = 2870177450012600261ULL;
    ObjTuple *tuple = AS_TUPLE(self);
    uint64_t acc = prime5;
    for (uint32_t i = 0; i < tuple->count; i++) {
        uint64_t lane;
        if (!value_hash(vm, tuple->items[i], &lane)) return false;
        acc += lane * prime2;
        acc = (acc << 31) | (acc >> 33);
        acc *= prime1;
    }
    acc += tuple->count ^ (prime5 ^ 3527539UL);
    *hash = acc == (uint64_t)-1 ? 1546275796 : acc;
    return true;
}

static bool tuple_truthy(Value self) { return AS_TUPLE(self)->count != 0; }

static bool tuple_len(Vm *vm, Value self, int64_t *length) {
    (void)vm;
    *length = AS_TUPLE(self)->count;
    return true;
}

static bool tuple_subscript(Vm *vm, Value self, Value index, Value *result) {
    return sequence_subscript(vm, AS_TUPLE(self)->items, AS_TUPLE(self)->count, false, index, result);
}

static int tuple_contains(Vm *vm, Value self, Value item) {
    return sequence_contains(vm, AS_TUPLE(self)->items, AS_TUPLE(self)->count, item);
}

static bool tuple_get_iter(Vm *vm, Value self, Value *iter) { return seq_iter_value(vm, OBJ_TUPLE_ITER, self, iter); }

/* --- Methods ------------------------------------------------------------------------------------------ */

static bool self_tuple(Vm *vm, const char *method, Value *args, int argc) {
    if (argc >= 1 && IS_TUPLE(args[0])) return true;
    if (argc < 1) return vm_raise(vm, EXC_TYPE_ERROR, "descriptor '%s' of 'tuple' object needs an argument", method);
    return vm_raise(vm, EXC_TYPE_ERROR, "descriptor '%s' for 'tuple' objects doesn't apply to a '%s' object", method,
                    value_type_name(args[0]));
}

/* tuple.index(x[, start[, stop]]) */
NATIVE(tuple_index) {
    (void)kwnames;
    if (!self_tuple(vm, "index", args, argc)) return false;
    if (argc < 2) return vm_raise(vm, EXC_TYPE_ERROR, "index expected at least 1 argument, got %d", argc - 1);
    if (argc > 4) return vm_raise(vm, EXC_TYPE_ERROR, "index expected at most 3 arguments, got %d", argc - 1);
    int64_t found;
    if (!sequence_index(vm, args[0], args[1], args + 2, argc - 2, &found)) return false;
    if (found < 0) return vm_raise(vm, EXC_VALUE_ERROR, "tuple.index(x): x not in tuple");
    *result = int_value(found);
    return true;
}

NATIVE(tuple_count) {
    (void)kwnames;
    if (!self_tuple(vm, "count", args, argc)) return false;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "tuple.count() takes exactly one argument (%d given)", argc - 1);
    int64_t n;
    if (!sequence_count(vm, args[0], args[1], &n)) return false;
    *result = int_value(n);
    return true;
}

static const MethodDef tuple_methods[] = {
    {"index", tuple_index, false},
    {"count", tuple_count, false},
    {NULL, NULL, 0},
};

const TypeInfo tuple_type = {
    .name = "tuple",
    .free = tuple_free,
    .mark = tuple_mark,
    .repr = tuple_repr,
    .equal = tuple_equal,
    .compare = tuple_compare,
    .hash = tuple_hash,
    .truthy = tuple_truthy,
    .len = tuple_len,
    .subscript = tuple_subscript,
    .contains = tuple_contains,
    .get_iter = tuple_get_iter,
    .concat = sequence_concat,
    .repeat = sequence_repeat,
    .methods = tuple_methods,
};
