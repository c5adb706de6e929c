/* bound_method.h: a method bound to its object, as a value: `push = stack.append`, `f = "x".upper`
 * (objects/bound_method.c). LOAD_ATTR of a method name makes one; calling it calls the function with the
 * object first. (A method call `obj.m(...)` makes none: LOAD_METHOD and CALL_METHOD pass obj directly.)
 */
#ifndef cpvm_bound_method_h
#define cpvm_bound_method_h

#include "core/object.h"

typedef struct {
    Obj obj;
    Value self;     /* the object (or, for a class method, the type) */
    Value function; /* a builtin now; a Python function once classes come */
} ObjBoundMethod;

#define IS_BOUND_METHOD(v) is_obj_type(v, OBJ_BOUND_METHOD)
#define AS_BOUND_METHOD(v) ((ObjBoundMethod *)AS_OBJ(v))

/* [self] and [function] need no rooting by the caller. */
ObjBoundMethod *bound_method_new(Vm *vm, Value self, Value function);

extern const TypeInfo bound_method_type;

#endif
