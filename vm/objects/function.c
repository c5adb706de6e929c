/* function.c: a Python function (a code object and its defaults): constructor and slots. The interpreter
 * calls it (interp/calls.c): a call of a Python function pushes a frame, which only that layer can do.
 */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/object.h"

ObjFunction *function_new(Vm *vm, ObjCode *code, ObjTuple *defaults) {
    ObjFunction *function = (ObjFunction *)gc_allocate_object(vm, sizeof(ObjFunction), OBJ_FUNCTION);
    if (function == NULL) return NULL;
    function->code = code;
    function->defaults = defaults;
    function->closure = NULL;
    function->kwdefaults = NULL;
    return function;
}

static void function_free(Vm *vm, Obj *obj) { gc_free_object(vm, obj, sizeof(ObjFunction)); }

static void function_mark(GcMarker *marker, Obj *obj) {
    gc_mark_object(marker, (Obj *)((ObjFunction *)obj)->code);
    gc_mark_object(marker, (Obj *)((ObjFunction *)obj)->defaults);
    gc_mark_object(marker, (Obj *)((ObjFunction *)obj)->closure);
    gc_mark_object(marker, (Obj *)((ObjFunction *)obj)->kwdefaults);
}

static bool function_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    ObjString *name = AS_FUNCTION(self)->code->name;
    strbuf_append_format(vm, b, "<function %.200s at %p>", name ? name->chars : "?", (void *)AS_OBJ(self));
    return !b->failed;
}

static bool attr_string(Vm *vm, const char *chars, size_t length, Value *result) {
    ObjString *s = string_copy(vm, chars, length);
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}

static bool same(const ObjString *name, const char *attr) { return strcmp(name->chars, attr) == 0; }

/* f.__name__, __qualname__ (the code's name is the qualified one: outer.<locals>.inner), __defaults__,
 * __kwdefaults__, __module__ and __doc__ (the code's constant 0 when CODE_DOCSTRING is set, else None). */
static bool function_getattr(Vm *vm, Value self, ObjString *name, Value *result) {
    ObjFunction *f = AS_FUNCTION(self);
    const char *qualname = f->code->name != NULL ? f->code->name->chars : "?";
    if (same(name, "__qualname__")) return attr_string(vm, qualname, strlen(qualname), result);
    if (same(name, "__name__")) {
        /* the part after the last '.' outside angle brackets: "outer.<locals>.inner" -> "inner" */
        const char *last = qualname;
        int angle = 0;
        for (const char *p = qualname; *p != '\0'; p++) {
            if (*p == '<') angle++;
            else if (*p == '>') angle--;
            else if (*p == '.' && angle == 0) last = p + 1;
        }
        return attr_string(vm, last, strlen(last), result);
    }
    if (same(name, "__module__")) return attr_string(vm, "__main__", 8, result);
    if (same(name, "__doc__")) {
        *result = (f->code->flags & CODE_DOCSTRING) ? f->code->consts[0] : none_value();
        return true;
    }
    if (same(name, "__defaults__")) {
        *result = f->defaults != NULL ? obj_value(&f->defaults->obj) : none_value();
        return true;
    }
    if (same(name, "__kwdefaults__")) {
        *result = f->kwdefaults != NULL ? obj_value(&f->kwdefaults->obj) : none_value();
        return true;
    }
    return vm_raise(vm, EXC_ATTRIBUTE_ERROR, "'function' object has no attribute '%s'", name->chars);
}

const TypeInfo function_type = {
    .name = "function",
    .free = function_free,
    .mark = function_mark,
    .repr = function_repr,
    .getattr = function_getattr,
};
