/* builtin.c: a function written in C: constructor and slots. CALL runs its NativeFn directly on the
 * arguments on the VM stack (bytecode/instructions.h); calls from C come through the call slot.
 */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"
#include "objects/args.h"

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

/* len.__name__ and __qualname__ (list.append's is "list.append"). */
static bool builtin_getattr(Vm *vm, Value self, ObjString *name, Value *result) {
    ObjBuiltin *b = AS_BUILTIN(self);
    ObjString *s = NULL;
    if (strcmp(name->chars, "__name__") == 0) {
        s = string_from_cstr(vm, b->name);
    } else if (strcmp(name->chars, "__qualname__") == 0) {
        StrBuf buf;
        strbuf_init(&buf);
        if (b->owner != NULL) strbuf_append_format(vm, &buf, "%s.", b->owner);
        strbuf_append(vm, &buf, b->name, strlen(b->name));
        return strbuf_result(vm, &buf, result);
    } else {
        return vm_raise(vm, EXC_ATTRIBUTE_ERROR, "'builtin_function_or_method' object has no attribute '%s'",
                        name->chars);
    }
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}

const TypeInfo builtin_type = {
    .name = "builtin_function_or_method",
    .free = builtin_free,
    .repr = builtin_repr,
    .getattr = builtin_getattr,
    .call = builtin_call,
};
