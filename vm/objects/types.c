/* types.c: the table from ObjType to TypeInfo that every generic operation looks slots up in, and the
 * table of builtin type objects (what int, list, type(x) are: objects/type.h).
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

/* The builtin types, for objects/type.c's type_objects_init: name, base, the ValueType or ObjType of the
 * instances, whether the name is a builtin, methods (for a type without an ObjType). A builtin function
 * of the same name (modules/builtins.c) becomes the type's constructor. Add a type's type object with
 * one line here; a second line with the same name adds a kind of instance (int's OBJ_BIGINT). object
 * comes first (every base chain ends there), and a base before the types deriving from it. An ObjType
 * not named here gets a type object named as its TypeInfo (list_iterator), not a builtin name. */
const TypeDef cpvm_type_defs[] = {
    {"object", NULL, -1, OBJ_OBJECT, true, NULL},
    {"type", NULL, -1, OBJ_TYPE, true, NULL},
    {"NoneType", NULL, VAL_NONE, -1, false, NULL},
    {"int", NULL, VAL_INT, -1, true, NULL},
    {"bool", "int", VAL_BOOL, -1, true, NULL},
    {"float", NULL, VAL_FLOAT, -1, true, NULL},
    {"str", NULL, -1, OBJ_STRING, true, NULL},
    {"list", NULL, -1, OBJ_LIST, true, NULL},
    {"tuple", NULL, -1, OBJ_TUPLE, true, NULL},
    {"range", NULL, -1, OBJ_RANGE, true, NULL},
    {"slice", NULL, -1, OBJ_SLICE, true, NULL},
    {"function", NULL, -1, OBJ_FUNCTION, false, NULL},
    {"builtin_function_or_method", NULL, -1, OBJ_BUILTIN, false, NULL},
    {"builtin_function_or_method", NULL, -1, OBJ_BOUND_METHOD, false, NULL},
    {"enumerate", NULL, -1, OBJ_ENUMERATE, true, NULL},
    {"zip", NULL, -1, OBJ_ZIP, true, NULL},
    {"map", NULL, -1, OBJ_MAP, true, NULL},
    {"filter", NULL, -1, OBJ_FILTER, true, NULL},
    {"reversed", NULL, -1, OBJ_REVERSED, true, NULL},
};
const uint32_t cpvm_type_def_count = sizeof cpvm_type_defs / sizeof cpvm_type_defs[0];
