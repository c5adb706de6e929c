/* with.c: the slow paths of BEFORE_WITH and WITH_EXCEPT_START (the layout of a with statement is in
 * compiler/compile_try.c).
 *
 * As CPython's _PyObject_LookupSpecial, __enter__ and __exit__ are looked up on the manager's type, not
 * on the instance: a module or an object whose *attribute* is named __enter__ is no context manager.
 * Today the types are the builtin ones, with their method tables; user classes extend the same lookup.
 */
#include "core/vm.h"
#include "objects/object.h"
#include "ops/runtime.h"

/* The method [name] of v's type (a builtin taking v first), or false (no error set) when it has none. */
static bool lookup_special(Vm *vm, Value v, const char *name, Value *method) {
    ObjString *s = string_from_cstr(vm, name);
    if (s == NULL) return false;
    Value pair[2];
    if (!value_find_method(vm, v, s, pair) || IS_UNDEF(pair[0])) {
        vm_clear_error(vm);
        return false;
    }
    *method = pair[0];
    return true;
}

static bool not_a_context_manager(Vm *vm, Value v, const char *missed) {
    return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object does not support the context manager protocol%s",
                    value_type_name(v), missed);
}

bool rt_before_with(Vm *vm, Value *slot) {
    Value manager = slot[0], enter, exit;
    if (!lookup_special(vm, manager, "__enter__", &enter)) {
        return vm->exc == EXC_MEMORY_ERROR ? false : not_a_context_manager(vm, manager, "");
    }
    if (!lookup_special(vm, manager, "__exit__", &exit)) {
        return vm->exc == EXC_MEMORY_ERROR ? false : not_a_context_manager(vm, manager, " (missed __exit__ method)");
    }
    /* The two methods are the type's builtin objects, rooted by vm->type_methods; the manager stays in
     * slot[0] until the bound __exit__ replaces it, and the bound object is stored before anything else
     * can allocate. */
    ObjBoundMethod *bound = bound_method_new(vm, manager, exit);
    if (bound == NULL) return false;
    slot[1] = obj_value(&bound->obj);
    if (!vm->call_value(vm, enter, &manager, 1, NULL, &enter)) return false;
    slot[0] = slot[1];
    slot[1] = enter;
    return true;
}

bool rt_with_except_start(Vm *vm, Value exit, Value exc, Value *result) {
    Value args[3] = {obj_value(&type_object_of(vm, exc)->obj), exc, none_value()};
    return vm->call_value(vm, exit, args, 3, NULL, result);
}
