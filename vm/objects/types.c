/* types.c: the table from ObjType to TypeInfo that every generic operation looks slots up in.
 *
 * Read-only data shared by every VM of the process (so not global mutable state).
 */
#include "objects/object.h"

const TypeInfo *const cpvm_types[OBJ_TYPE_COUNT] = {
#define CPVM_TYPE_ENTRY(name, info) [OBJ_##name] = &info,
    CPVM_OBJ_TYPES(CPVM_TYPE_ENTRY)
#undef CPVM_TYPE_ENTRY
};

const char *value_type_name(Value v) {
    switch (v.type) {
    case VAL_NONE: return "NoneType";
    case VAL_BOOL: return "bool";
    case VAL_INT: return "int";
    case VAL_FLOAT: return "float";
    case VAL_OBJ: return type_of_obj(AS_OBJ(v))->name;
    default: return "undefined";
    }
}
