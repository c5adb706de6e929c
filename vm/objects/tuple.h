/* tuple.h: Python's tuple: a fixed array of values, stored inline (objects/tuple.c).
 */
#ifndef cpvm_tuple_h
#define cpvm_tuple_h

#include "core/object.h"

struct ObjTuple {
    Obj obj;
    uint32_t count;
    Value items[];
};

#define IS_TUPLE(v) is_obj_type(v, OBJ_TUPLE)
#define AS_TUPLE(v) ((ObjTuple *)AS_OBJ(v))

ObjTuple *tuple_new(Vm *vm, uint32_t count); /* items start as None */

extern const TypeInfo tuple_type;

#endif
