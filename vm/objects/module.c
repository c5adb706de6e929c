/* module.c: a module (math, sys): a name and its attributes, looked up by name. */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

ObjModule *module_new(Vm *vm, ObjString *name, uint32_t count) {
    ObjModule *module = (ObjModule *)gc_allocate_object(vm, sizeof(ObjModule), OBJ_MODULE);
    if (module == NULL) return NULL;
    module->name = name;
    if (count == 0) return module;
    vm_push_root(vm, obj_value(&module->obj));
    module->attr_names = VM_ALLOCATE(vm, ObjString *, count);
    module->attr_values = module->attr_names ? VM_ALLOCATE(vm, Value, count) : NULL;
    vm_pop_root(vm);
    if (module->attr_values == NULL) return NULL;
    memset(module->attr_names, 0, sizeof(ObjString *) * count);
    for (uint32_t i = 0; i < count; i++) module->attr_values[i] = none_value();
    module->count = count;
    return module;
}

bool module_set(Vm *vm, ObjModule *module, uint32_t i, const char *name, Value value) {
    ObjString *s = string_from_cstr(vm, name);
    if (s == NULL) return false;
    module->attr_names[i] = s;
    module->attr_values[i] = value;
    return true;
}

static void module_free(Vm *vm, Obj *obj) {
    ObjModule *module = (ObjModule *)obj;
    VM_FREE_ARRAY(vm, ObjString *, module->attr_names, module->count);
    VM_FREE_ARRAY(vm, Value, module->attr_values, module->count);
    gc_free_object(vm, module, sizeof(ObjModule));
}

static void module_mark(GcMarker *marker, Obj *obj) {
    ObjModule *module = (ObjModule *)obj;
    gc_mark_object(marker, (Obj *)module->name);
    gc_mark_strings(marker, module->attr_names, module->count);
    gc_mark_values(marker, module->attr_values, module->count);
}

static bool module_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    strbuf_append_format(vm, b, "<module '%.200s' (built-in)>", AS_MODULE(self)->name->chars);
    return !b->failed;
}

static bool module_getattr(Vm *vm, Value self, ObjString *name, Value *result) {
    ObjModule *module = AS_MODULE(self);
    for (uint32_t i = 0; i < module->count; i++) {
        if (string_equal(module->attr_names[i], name)) {
            *result = module->attr_values[i];
            return true;
        }
    }
    return vm_raise(vm, EXC_ATTRIBUTE_ERROR, "module '%s' has no attribute '%s'", module->name->chars, name->chars);
}

const TypeInfo module_type = {
    .name = "module",
    .free = module_free,
    .owns_buffers = true,
    .mark = module_mark,
    .repr = module_repr,
    .getattr = module_getattr,
};
