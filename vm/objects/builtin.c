/* builtin.c: a function written in C: constructor and slots. CALL runs its NativeFn directly on the
 * arguments on the VM stack (bytecode/instructions.h); calls from C come through the call slot.
 */
#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

ObjBuiltin *builtin_new(Vm *vm, const char *name, NativeFn fn, bool accepts_keywords) {
    ObjBuiltin *builtin = (ObjBuiltin *)gc_allocate_object(vm, sizeof(ObjBuiltin), OBJ_BUILTIN);
    if (builtin == NULL) return NULL;
    builtin->name = name;
    builtin->fn = fn;
    builtin->accepts_keywords = accepts_keywords;
    builtin->owner = NULL;
    return builtin;
}

static void builtin_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjBuiltin)); }

static bool builtin_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    const ObjBuiltin *builtin = AS_BUILTIN(self);
    if (builtin->owner != NULL) {
        strbuf_append_format(vm, b, "<method '%s' of '%s' objects>", builtin->name, builtin->owner);
    } else {
        strbuf_append_format(vm, b, "<built-in function %.200s>", builtin->name);
    }
    return !b->failed;
}

/* Runs the builtin at callee[0] on the [argc] values above it; the result replaces callee[0]. Keywords
 * reach only builtins that accept them. */
static bool builtin_call(Vm *vm, Value *callee, int argc, ObjTuple *kwnames) {
    ObjBuiltin *builtin = AS_BUILTIN(*callee);
    if (kwnames != NULL && kwnames->count > 0 && !builtin->accepts_keywords) {
        if (builtin->owner != NULL) {
            return vm_raise(vm, EXC_TYPE_ERROR, "%s.%s() takes no keyword arguments", builtin->owner, builtin->name);
        }
        return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes no keyword arguments", builtin->name);
    }
    Value result = none_value();
    if (!builtin->fn(vm, callee + 1, argc, kwnames, &result)) return false;
    *callee = result;
    return true;
}

const TypeInfo builtin_type = {
    .name = "builtin_function_or_method",
    .free = builtin_free,
    .repr = builtin_repr,
    .call = builtin_call,
};
