/* type.h: type objects: what type(x) returns and what the names int, str, list, ... are bound to
 * (objects/type.c). objects/types.c's cpvm_type_defs adds the types the ObjType table does not describe.
 *
 * A type object has a name, a base (bool's is int; object's is NULL, every other chain ends there), the
 * methods of its instances (so `str.upper("a")` and `list.append(l, 1)` work as unbound calls), and
 * optionally a constructor: the builtin function of the same name (builtins.c's int, list, ...), which
 * calling the type runs, and whose name is then bound to the type. Which values are its instances is
 * the other direction: vm->value_type_objects and vm->obj_type_objects map each ValueType and ObjType
 * to its type object, so type(x) is one lookup.
 * Classes (issue #14) will be type objects too, with their own methods and a base chain.
 */
#ifndef cpvm_type_h
#define cpvm_type_h

#include "core/object.h"

struct ObjTypeObject {
    Obj obj;
    const char *name;          /* static string: "int", "list_iterator" */
    ObjTypeObject *base;       /* NULL only for object */
    const MethodDef *methods;  /* its instances' methods (NULL: none) */
    int obj_type;              /* the ObjType of its heap instances whose method objects vm->type_methods
                                  caches, or -1 (int, float, bool, object: methods made per lookup) */
    ObjBuiltin *constructor;   /* what calling the type runs; NULL: "cannot create 'X' instances" */
};

#define IS_TYPE_OBJECT(v) is_obj_type(v, OBJ_TYPE)
#define AS_TYPE_OBJECT(v) ((ObjTypeObject *)AS_OBJ(v))

/* A builtin type the ObjType table alone does not describe: a line of objects/types.c's cpvm_type_defs
 * (a type of non-heap values such as int, or a base other than object, such as bool's). Every ObjType
 * also gets a type object named as its TypeInfo, joining a type object of that name if there is one (so
 * OBJ_BIGINT, named "int", is int's). */
typedef struct {
    const char *name;         /* the Python name */
    const char *base;         /* the base's name; NULL: object */
    int value_type;           /* the ValueType of its non-heap instances (VAL_INT), or -1 */
    int obj_type;             /* the ObjType of its heap instances (OBJ_LIST), or -1 */
    const MethodDef *methods; /* for a type without an ObjType (int); else its TypeInfo's methods */
} TypeDef;

extern const TypeDef cpvm_type_defs[];
extern const uint32_t cpvm_type_def_count;

/* Makes every type object of [vm] (with the GC paused, from builtins_init): one per name in
 * cpvm_type_defs, then one for each ObjType the table does not name (list_iterator, code, ...) unless a
 * type object of its TypeInfo's name exists, which it joins. */
bool type_objects_init(Vm *vm);
/* A new type object (the GC may run): [methods] is used when [obj_type] is -1, else its TypeInfo's. */
ObjTypeObject *type_object_new(Vm *vm, const char *name, ObjTypeObject *base, int obj_type, const MethodDef *methods);
/* The type object named [name], or NULL. */
ObjTypeObject *type_object_named(Vm *vm, const char *name);
/* type(v). */
ObjTypeObject *type_object_of(Vm *vm, Value v);
/* True when [type] is [base] or derives from it. */
bool type_is_subtype(const ObjTypeObject *type, const ObjTypeObject *base);

/* object(): a new plain object (OBJ_OBJECT); NULL with MemoryError set. */
Obj *object_new(Vm *vm);

extern const TypeInfo type_type, object_type;

#endif
