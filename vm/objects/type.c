/* type.c: type objects: their creation per VM from objects/types.c's table, type(x), subtyping, and the
 * slots: repr <class 'int'>, calling (the constructor) and attributes (unbound methods, static and class
 * methods, __name__).
 *
 * Every VM makes its own type objects (no global mutable state); they are GC roots through
 * vm->value_type_objects and vm->obj_type_objects, so a type object never dies before its VM.
 */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

/* --- Creation ------------------------------------------------------------------------------------------ */

ObjTypeObject *type_object_new(Vm *vm, const char *name, ObjTypeObject *base, int obj_type,
                                      const MethodDef *methods) {
    ObjTypeObject *type = (ObjTypeObject *)gc_allocate_object(vm, sizeof(ObjTypeObject), OBJ_TYPE);
    if (type == NULL) return NULL;
    type->name = name;
    type->base = base;
    type->obj_type = obj_type;
    type->methods = obj_type >= 0 ? cpvm_types[obj_type]->methods : methods;
    type->constructor = NULL;
    return type;
}

ObjTypeObject *type_object_named(Vm *vm, const char *name) {
    for (int t = 0; t < VAL_OBJ; t++) {
        ObjTypeObject *type = vm->value_type_objects[t];
        if (type != NULL && strcmp(type->name, name) == 0) return type;
    }
    for (int t = 0; t < OBJ_TYPE_COUNT; t++) {
        ObjTypeObject *type = vm->obj_type_objects[t];
        if (type != NULL && strcmp(type->name, name) == 0) return type;
    }
    return NULL;
}

bool type_objects_init(Vm *vm) {
    for (uint32_t i = 0; i < cpvm_type_def_count; i++) {
        const TypeDef *def = &cpvm_type_defs[i];
        ObjTypeObject *type = type_object_named(vm, def->name);
        if (type == NULL) {
            /* object's own line comes first, so it finds no base */
            ObjTypeObject *base = type_object_named(vm, def->base != NULL ? def->base : "object");
            type = type_object_new(vm, def->name, base, def->obj_type, def->methods);
            if (type == NULL) return false;
        }
        if (def->value_type >= 0) vm->value_type_objects[def->value_type] = type;
        if (def->obj_type >= 0) vm->obj_type_objects[def->obj_type] = type;
    }
    ObjTypeObject *object = vm->obj_type_objects[OBJ_OBJECT];
    vm->value_type_objects[VAL_UNDEF] = object; /* no Python value is undefined: a safe answer only */
    for (int t = 0; t < OBJ_TYPE_COUNT; t++) {
        if (vm->obj_type_objects[t] != NULL) continue;
        ObjTypeObject *same = type_object_named(vm, cpvm_types[t]->name);
        if (same != NULL && same->obj_type < 0) { /* int's heap kind: its methods are the type's */
            same->obj_type = t;
            same->methods = cpvm_types[t]->methods;
        }
        vm->obj_type_objects[t] = same != NULL ? same : type_object_new(vm, cpvm_types[t]->name, object, t, NULL);
        if (vm->obj_type_objects[t] == NULL) return false;
    }
    return true;
}

ObjTypeObject *type_object_of(Vm *vm, Value v) {
    if (IS_OBJ(v)) {
        const TypeInfo *info = type_of_obj(AS_OBJ(v));
        return info->class_of != NULL ? info->class_of(AS_OBJ(v)) : vm->obj_type_objects[AS_OBJ(v)->type];
    }
    return vm->value_type_objects[v.type < VAL_OBJ ? v.type : VAL_UNDEF];
}

bool type_is_subtype(const ObjTypeObject *type, const ObjTypeObject *base) {
    for (; type != NULL; type = type->base) {
        if (type == base) return true;
    }
    return false;
}

/* --- Slots --------------------------------------------------------------------------------------------- */

static void type_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjTypeObject)); }

static void type_mark(GcMarker *marker, Obj *obj) {
    ObjTypeObject *type = (ObjTypeObject *)obj;
    gc_mark_object(marker, (Obj *)type->base);
    gc_mark_object(marker, (Obj *)type->constructor);
}

static bool type_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    strbuf_append_format(vm, b, "<class '%s'>", AS_TYPE_OBJECT(self)->name);
    return !b->failed;
}

/* int(x): the constructor, called as the builtin it was (so its errors name it: "int() takes ..."). */
static bool type_call(Vm *vm, Value *callee, int argc, ObjTuple *kwnames) {
    ObjTypeObject *type = AS_TYPE_OBJECT(*callee);
    if (type->constructor == NULL && type->obj_type >= 0 && cpvm_types[type->obj_type]->construct != NULL)
        return cpvm_types[type->obj_type]->construct(vm, type, callee, argc, kwnames);
    if (type->constructor == NULL) return vm_raise(vm, EXC_TYPE_ERROR, "cannot create '%s' instances", type->name);
    *callee = obj_value(&type->constructor->obj);
    return builtin_type.call(vm, callee, argc, kwnames);
}

/* The builtin for method [index] of [type]: cached per VM for a heap type, made afresh otherwise. */
static ObjBuiltin *method_of(Vm *vm, const ObjTypeObject *type, uint32_t index) {
    if (type->obj_type >= 0) return type_method_object(vm, (ObjType)type->obj_type, type->methods, index);
    const MethodDef *def = &type->methods[index];
    return builtin_new(vm, def->name, def->fn, (def->flags & METHOD_KEYWORDS) != 0);
}

/* T.name: a method of T's instances, unbound (str.upper("a")); a static method as it is; a class method
 * bound to T (dict.fromkeys); __name__. The base chain is searched too (bool.bit_length is int's). */
static bool type_getattr(Vm *vm, Value self, ObjString *name, Value *result) {
    ObjTypeObject *type = AS_TYPE_OBJECT(self);
    if (strcmp(name->chars, "__name__") == 0) {
        ObjString *s = string_from_cstr(vm, type->name);
        if (s == NULL) return false;
        *result = obj_value(&s->obj);
        return true;
    }
    for (const ObjTypeObject *t = type; t != NULL; t = t->base) {
        for (uint32_t i = 0; t->methods != NULL && t->methods[i].name != NULL; i++) {
            if (strcmp(t->methods[i].name, name->chars) != 0) continue;
            ObjBuiltin *method = method_of(vm, t, i);
            if (method == NULL) return false;
            *result = obj_value(&method->obj);
            if (!(t->methods[i].flags & METHOD_CLASS)) return true;
            ObjBoundMethod *bound = bound_method_new(vm, self, *result);
            if (bound == NULL) return false;
            *result = obj_value(&bound->obj);
            return true;
        }
    }
    return vm_raise(vm, EXC_ATTRIBUTE_ERROR, "type object '%s' has no attribute '%s'", type->name, name->chars);
}

const TypeInfo type_type = {
    .name = "type",
    .free = type_free,
    .mark = type_mark,
    .repr = type_repr,
    .call = type_call,
    .getattr = type_getattr,
};

/* --- object() ------------------------------------------------------------------------------------------ */

/* A plain object: object() makes one, a unique sentinel equal only to itself (hash by identity). */
Obj *object_new(Vm *vm) { return gc_allocate_object(vm, sizeof(Obj), OBJ_OBJECT); }

static void object_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(Obj)); }

static bool object_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    strbuf_append_format(vm, b, "<object object at %p>", (void *)AS_OBJ(self));
    return !b->failed;
}

const TypeInfo object_type = {
    .name = "object",
    .free = object_free,
    .repr = object_repr,
};
