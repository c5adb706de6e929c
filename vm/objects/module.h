/* module.h: a module (math, sys): a name and a list of attributes (objects/module.c).
 */
#ifndef cpvm_module_h
#define cpvm_module_h

#include "core/object.h"

struct ObjModule {
    Obj obj;
    ObjString *name;
    uint32_t count;
    ObjString **attr_names; /* owned array */
    Value *attr_values;     /* owned array */
};

#define IS_MODULE(v) is_obj_type(v, OBJ_MODULE)
#define AS_MODULE(v) ((ObjModule *)AS_OBJ(v))

ObjModule *module_new(Vm *vm, ObjString *name, uint32_t count);
/* Sets attribute [i] (of the count module_new made room for) to [name] = [value]. */
bool module_set(Vm *vm, ObjModule *module, uint32_t i, const char *name, Value value);

extern const TypeInfo module_type;

#endif
