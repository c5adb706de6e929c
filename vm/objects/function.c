/* function.c: a Python function (a code object and its defaults): constructor and slots. The interpreter
 * calls it (interp/calls.c): a call of a Python function pushes a frame, which only that layer can do.
 */
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

const TypeInfo function_type = {
    .name = "function",
    .free = function_free,
    .mark = function_mark,
    .repr = function_repr,
};
