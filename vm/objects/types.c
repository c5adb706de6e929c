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

/* The builtin types the ObjType table alone does not describe, for objects/type.c's type_objects_init:
 * name, base, the ValueType or ObjType of the instances, methods (for a type without an ObjType). Every
 * other ObjType gets a type object named as its TypeInfo (list_iterator, dict), which joins a type
 * object of that name (OBJ_BIGINT's "int"), and a builtin function of a type's name (modules/builtins.c)
 * becomes its constructor. So a new heap type needs no line here unless its base is not object or its
 * TypeInfo name is not its Python name; a second line with an existing name adds a kind of instance.
 * object comes first (every base chain ends there), and a base before the types deriving from it. */
const TypeDef cpvm_type_defs[] = {
    {"object", NULL, -1, OBJ_OBJECT, NULL},
    {"type", NULL, -1, OBJ_TYPE, NULL},
    {"NoneType", NULL, VAL_NONE, -1, NULL},
    {"int", NULL, VAL_INT, -1, NULL},
    {"bool", "int", VAL_BOOL, -1, NULL},
    {"float", NULL, VAL_FLOAT, -1, NULL},
};
const uint32_t cpvm_type_def_count = sizeof cpvm_type_defs / sizeof cpvm_type_defs[0];
