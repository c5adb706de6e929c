/* gc.c: the gc module: collect(), enable(), disable(), isenabled().
 *
 * cpvm has one collector, a tracing one (core/gc.c), where CPython counts references and collects only
 * cycles. So an object is freed, and a generator abandoned inside a try block gets its finally run
 * (core/gc.h's finalization), at a collection rather than the moment its last reference goes:
 * gc.collect() is how a program asks for that moment, as on PyPy. disable() only changes what
 * isenabled() says: collections are the only way memory comes back here, so they keep running.
 */
#include "core/gc.h"
#include "core/vm.h"
#include "modules/builtins.h"
#include "objects/object.h"

/* The collector marks the whole region of the top frame (core/gc.c): slots its operand stack used
 * before may still hold values it popped. A program calling gc.collect() means to see what it dropped
 * go now, so the slots of the calling frame above this call's arguments, dead while the call runs, are
 * cleared first. ([args] lies in that frame when a CALL made this call; called from C, it lies above.) */
static void clear_dead_caller_slots(Vm *vm, Value *args, int argc) {
    if (vm->exec.frame_count == 0) return;
    Frame *top = &vm->exec.frames[vm->exec.frame_count - 1];
    Value *end = top->locals + code_frame_extent(top->code);
    if (args < top->locals || args + argc > end) return;
    for (Value *slot = args + argc; slot < end; slot++) *slot = undef_value();
}

/* collect(): a full collection, then the finalizers it found due; the number of objects it freed. */
static bool gc_fn_collect(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "collect() takes at most 1 argument (%d given)", argc);
    if (argc == 1 && !IS_INT(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", value_type_name(args[0]));
    }
    clear_dead_caller_slots(vm, args, argc);
    gc_collect(vm);
    size_t freed = vm->gc_last_freed;
    if (!gc_run_finalizers(vm)) return false;
    *result = int_value((int64_t)freed);
    return true;
}

static bool no_arguments(Vm *vm, const char *name, int argc) {
    if (argc == 0) return true;
    return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes no arguments (%d given)", name, argc);
}

static bool gc_fn_enable(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)args, (void)kwnames;
    if (!no_arguments(vm, "enable", argc)) return false;
    vm->gc_disabled = false;
    *result = none_value();
    return true;
}

static bool gc_fn_disable(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)args, (void)kwnames;
    if (!no_arguments(vm, "disable", argc)) return false;
    vm->gc_disabled = true;
    *result = none_value();
    return true;
}

static bool gc_fn_isenabled(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)args, (void)kwnames;
    if (!no_arguments(vm, "isenabled", argc)) return false;
    *result = bool_value(!vm->gc_disabled);
    return true;
}

static const MethodDef gc_defs[] = {
    {"collect", gc_fn_collect, false},
    {"enable", gc_fn_enable, false},
    {"disable", gc_fn_disable, false},
    {"isenabled", gc_fn_isenabled, false},
};

ObjModule *gc_module_new(Vm *vm) {
    ObjString *name = string_from_cstr(vm, "gc");
    ObjModule *gc = name == NULL ? NULL : module_new(vm, name, COUNT_OF(gc_defs));
    if (gc == NULL) return NULL;
    for (uint32_t i = 0; i < (uint32_t)COUNT_OF(gc_defs); i++) {
        if (!module_set_function(vm, gc, i, gc_defs[i].name, gc_defs[i].fn)) return NULL;
    }
    return gc;
}
