/* function.h: a Python function: a code object plus its default values, what `def` creates
 * (objects/function.c). Calling one is the interpreter's job (interp/calls.c).
 */
#ifndef cpvm_function_h
#define cpvm_function_h

#include "core/object.h"

struct ObjFunction {
    Obj obj;
    ObjCode *code;
    ObjTuple *defaults; /* code->ndefaults values, or NULL when there are none */
    ObjDict *kwdefaults; /* keyword-only parameters' defaults by name, or NULL (SET_KWDEFAULTS) */
    ObjTuple *closure;  /* the cells of the enclosing functions' variables it uses (COPY_FREE_VARS), or NULL */
};

#define IS_FUNCTION(v) is_obj_type(v, OBJ_FUNCTION)
#define AS_FUNCTION(v) ((ObjFunction *)AS_OBJ(v))

ObjFunction *function_new(Vm *vm, ObjCode *code, ObjTuple *defaults);

extern const TypeInfo function_type;

#endif
