/* builtin.h: a function written in C (print, len, list.append, math.sqrt, ...) (objects/builtin.c).
 */
#ifndef cpvm_builtin_h
#define cpvm_builtin_h

#include "core/object.h"

struct ObjBuiltin {
    Obj obj;
    const char *name; /* static string: "print", "append" */
    NativeFn fn;
    bool accepts_keywords;
    const char *owner; /* a method's type name ("list"), NULL for a function: repr and errors name it */
};

#define IS_BUILTIN(v) is_obj_type(v, OBJ_BUILTIN)
#define AS_BUILTIN(v) ((ObjBuiltin *)AS_OBJ(v))

ObjBuiltin *builtin_new(Vm *vm, const char *name, NativeFn fn, bool accepts_keywords);

extern const TypeInfo builtin_type;

#endif
