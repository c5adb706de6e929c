/* bound_method.c: a method bound to its object (bound_method.h): constructor and slots.
 *
 * Calling one puts the object before the arguments and calls the function through vm->call_value
 * (interp/calls.c), since this layer cannot run the interpreter itself.
 */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

ObjBoundMethod *bound_method_new(Vm *vm, Value self, Value function) {
    vm_push_root(vm, self);
    vm_push_root(vm, function);
    ObjBoundMethod *bound = (ObjBoundMethod *)gc_allocate_object(vm, sizeof(ObjBoundMethod), OBJ_BOUND_METHOD);
    vm_pop_root(vm);
    vm_pop_root(vm);
    if (bound == NULL) return NULL;
    bound->self = self;
    bound->function = function;
    return bound;
}

static void bound_method_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjBoundMethod)); }

static void bound_method_mark(GcMarker *marker, Obj *obj) {
    gc_mark_value(marker, ((ObjBoundMethod *)obj)->self);
    gc_mark_value(marker, ((ObjBoundMethod *)obj)->function);
}

/* <built-in method append of list object at 0x...>, as CPython prints a builtin bound to an object. */
static bool bound_method_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    ObjBoundMethod *bound = AS_BOUND_METHOD(self);
    const char *name = IS_BUILTIN(bound->function) ? AS_BUILTIN(bound->function)->name : "?";
    if (IS_OBJ(bound->self)) {
        strbuf_append_format(vm, b, "<built-in method %s of %s object at %p>", name, value_type_name(bound->self),
                             (void *)AS_OBJ(bound->self));
    } else {
        strbuf_append_format(vm, b, "<built-in method %s of %s object>", name, value_type_name(bound->self));
    }
    return !b->failed;
}

static int bound_method_equal(Vm *vm, Value a, Value b, int depth) {
    (void)vm, (void)depth;
    return value_is(AS_BOUND_METHOD(a)->self, AS_BOUND_METHOD(b)->self) &&
           value_is(AS_BOUND_METHOD(a)->function, AS_BOUND_METHOD(b)->function);
}

static bool bound_method_hash(Vm *vm, Value self, uint64_t *hash) {
    uint64_t h;
    if (!value_hash(vm, AS_BOUND_METHOD(self)->self, &h)) return false;
    *hash = h ^ (uint64_t)(uintptr_t)AS_OBJ(AS_BOUND_METHOD(self)->function);
    return true;
}

/* Calls function(self, args...): the arguments move up a slot in a copy (kwnames still names the last). */
static bool bound_method_call(Vm *vm, Value *callee, int argc, ObjTuple *kwnames) {
    ObjBoundMethod *bound = AS_BOUND_METHOD(*callee);
    Value small[8];
    Value *args = argc < 8 ? small : VM_ALLOCATE(vm, Value, (size_t)argc + 1);
    if (args == NULL) return false;
    args[0] = bound->self;
    memcpy(args + 1, callee + 1, sizeof(Value) * (size_t)argc);
    Value result;
    bool ok = vm->call_value(vm, bound->function, args, argc + 1, kwnames, &result);
    if (args != small) VM_FREE_ARRAY(vm, Value, args, (size_t)argc + 1);
    if (ok) *callee = result;
    return ok;
}

/* m.__self__, and the function's own attributes (__name__, __qualname__, ...) through it. */
static bool bound_method_getattr(Vm *vm, Value self, ObjString *name, Value *result) {
    ObjBoundMethod *m = (ObjBoundMethod *)AS_OBJ(self);
    if (strcmp(name->chars, "__self__") == 0) {
        *result = m->self;
        return true;
    }
    if (strcmp(name->chars, "__func__") != 0) return value_getattr(vm, m->function, name, result);
    return vm_raise(vm, EXC_ATTRIBUTE_ERROR, "'builtin_function_or_method' object has no attribute '__func__'");
}

const TypeInfo bound_method_type = {
    .name = "builtin_function_or_method",
    .free = bound_method_free,
    .mark = bound_method_mark,
    .repr = bound_method_repr,
    .equal = bound_method_equal,
    .hash = bound_method_hash,
    .call = bound_method_call,
    .getattr = bound_method_getattr,
};
