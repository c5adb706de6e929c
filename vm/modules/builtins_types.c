/* builtins_types.c: the builtins about types and identity: type, isinstance, issubclass, callable, id,
 * hash, and the constructors of slice and object, with CPython 3.11's messages.
 *
 * builtins.c puts builtin_type_defs in the builtin table; the type objects themselves are
 * objects/type.c's, made from the table in objects/types.c.
 */
#include "core/vm.h"
#include "modules/builtins.h"
#include "objects/args.h"
#include "objects/object.h"

/* type(x): x's type object. type(name, bases, dict) makes a class, which cpvm does not have yet. */
NATIVE(builtin_type_of) {
    if (kwnames != NULL || (argc != 1 && argc != 3)) return vm_raise(vm, EXC_TYPE_ERROR, "type() takes 1 or 3 arguments");
    if (argc == 3) return vm_raise(vm, EXC_TYPE_ERROR, "type() with 3 arguments (a new class) is not supported by cpvm");
    *result = obj_value(&type_object_of(vm, args[0])->obj);
    return true;
}

/* Whether [type] derives from [spec]: a type object or a tuple of them, nested to any depth. 1/0, or -1
 * with TypeError [message] when spec is neither. */
static int matches_spec(Vm *vm, const ObjTypeObject *type, Value spec, const char *message, int depth) {
    if (IS_TYPE_OBJECT(spec)) return type_is_subtype(type, AS_TYPE_OBJECT(spec));
    if (!IS_TUPLE(spec)) {
        vm_raise(vm, EXC_TYPE_ERROR, "%s", message);
        return -1;
    }
    if (value_nesting_too_deep(vm, depth, "in __instancecheck__")) return -1;
    for (uint32_t i = 0; i < AS_TUPLE(spec)->count; i++) {
        int found = matches_spec(vm, type, AS_TUPLE(spec)->items[i], message, depth + 1);
        if (found != 0) return found;
    }
    return 0;
}

NATIVE(builtin_isinstance) {
    (void)kwnames;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "isinstance expected 2 arguments, got %d", argc);
    int found = matches_spec(vm, type_object_of(vm, args[0]), args[1],
                             "isinstance() arg 2 must be a type, a tuple of types, or a union", 0);
    if (found < 0) return false;
    *result = bool_value(found == 1);
    return true;
}

NATIVE(builtin_issubclass) {
    (void)kwnames;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "issubclass expected 2 arguments, got %d", argc);
    if (!IS_TYPE_OBJECT(args[0])) return vm_raise(vm, EXC_TYPE_ERROR, "issubclass() arg 1 must be a class");
    int found = matches_spec(vm, AS_TYPE_OBJECT(args[0]), args[1],
                             "issubclass() arg 2 must be a class, a tuple of classes, or a union", 0);
    if (found < 0) return false;
    *result = bool_value(found == 1);
    return true;
}

NATIVE(builtin_callable) {
    (void)kwnames;
    if (!exactly_one(vm, "callable", argc)) return false;
    Value v = args[0];
    *result = bool_value(IS_FUNCTION(v) || (IS_OBJ(v) && type_of_obj(AS_OBJ(v))->call != NULL));
    return true;
}

/* id(x): a heap object's address. An int, float, bool or None has no address (it is not on the heap):
 * its id mixes its type and payload, equal for equal values as CPython's cached small ints are, but two
 * such values may share an id, which CPython never allows for two live objects. */
NATIVE(builtin_id) {
    (void)kwnames;
    if (!exactly_one(vm, "id", argc)) return false;
    Value v = args[0];
    uint64_t id = IS_OBJ(v) ? (uint64_t)(uintptr_t)AS_OBJ(v) : (v.as.bits << 3 ^ v.type) >> 1;
    *result = int_value((int64_t)(id & INT64_MAX));
    return true;
}

NATIVE(builtin_hash) {
    (void)kwnames;
    if (!exactly_one(vm, "hash", argc)) return false;
    uint64_t hash;
    if (!value_hash(vm, args[0], &hash)) return false;
    *result = int_value((int64_t)hash);
    return true;
}

/* slice(stop) or slice(start, stop[, step]); each part may be anything (checked when the slice is used). */
NATIVE(builtin_slice) {
    (void)kwnames;
    if (argc < 1) return vm_raise(vm, EXC_TYPE_ERROR, "slice expected at least 1 argument, got %d", argc);
    if (argc > 3) return vm_raise(vm, EXC_TYPE_ERROR, "slice expected at most 3 arguments, got %d", argc);
    Value none = none_value();
    ObjSlice *slice = argc == 1 ? slice_new(vm, none, args[0], none)
                                : slice_new(vm, args[0], args[1], argc == 3 ? args[2] : none);
    if (slice == NULL) return false;
    *result = obj_value(&slice->obj);
    return true;
}

/* object(): a new plain object, object's constructor. */
NATIVE(builtin_object) {
    (void)args;
    if (argc > 0 || kwnames != NULL) return vm_raise(vm, EXC_TYPE_ERROR, "object() takes no arguments");
    Obj *object = object_new(vm);
    if (object == NULL) return false;
    *result = obj_value(object);
    return true;
}

const MethodDef builtin_type_defs[] = {
    {"type", builtin_type_of, true},         {"isinstance", builtin_isinstance, false},
    {"issubclass", builtin_issubclass, false}, {"callable", builtin_callable, false},
    {"id", builtin_id, false},            {"hash", builtin_hash, false},
    {"slice", builtin_slice, false},      {"object", builtin_object, true},
    {NULL, NULL, 0},
};
