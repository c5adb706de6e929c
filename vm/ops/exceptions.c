/* exceptions.c: the slow paths of the exception instructions and the error path both tiers share.
 *
 * rt_unwind_to_handler is the one place that decides where an error goes: interp.c's error label calls
 * it for an interpreted frame, jit.c's rt_jit_handle_error for a compiled one, so both tiers record the
 * same traceback lines and enter the same handlers. The handler is found in the code's exception table
 * (objects/code.h), which the verifier checked: the depth fits the frame and the target is an instruction.
 */
#include "core/vm.h"
#include "objects/object.h"
#include "ops/runtime.h"

Value rt_push_exc_info(Vm *vm, Value exc) {
    Value prev = vm->exc_info;
    vm->exc_info = exc;
    return prev;
}

void rt_pop_except(Vm *vm, Value prev) { vm->exc_info = prev; }

static bool check_exc_class(Vm *vm, Value type) {
    if (exception_is_type(vm, type)) return true;
    return vm_raise(vm, EXC_TYPE_ERROR, "catching classes that do not inherit from BaseException is not allowed");
}

int rt_check_exc_match(Vm *vm, Value exc, Value type) {
    ObjTypeObject *exc_type = type_object_of(vm, exc);
    if (IS_TUPLE(type)) {
        ObjTuple *types = AS_TUPLE(type);
        for (uint32_t i = 0; i < types->count; i++) {
            if (!check_exc_class(vm, types->items[i])) return -1;
        }
        for (uint32_t i = 0; i < types->count; i++) {
            if (type_is_subtype(exc_type, AS_TYPE_OBJECT(types->items[i]))) return 1;
        }
        return 0;
    }
    if (!check_exc_class(vm, type)) return -1;
    return type_is_subtype(exc_type, AS_TYPE_OBJECT(type));
}

bool rt_reraise(Vm *vm, Value exc) {
    /* The verifier counts values, not their types: a crafted file may RERAISE anything. */
    if (!IS_EXCEPTION(exc)) return vm_raise(vm, EXC_SYSTEM_ERROR, "RERAISE of a %s, not an exception", value_type_name(exc));
    exception_set_current(vm, AS_EXCEPTION(exc));
    vm->exc_reraised = true;
    return false;
}

/* The exception `raise X` raises: X itself, or X() for a class. NULL with TypeError set otherwise. */
static ObjException *instantiate(Vm *vm, Value x, const char *what) {
    if (IS_EXCEPTION(x)) return AS_EXCEPTION(x);
    if (exception_is_type(vm, x)) {
        Value result;
        if (!vm->call_value(vm, x, NULL, 0, NULL, &result)) return NULL;
        if (IS_EXCEPTION(result)) return AS_EXCEPTION(result);
        vm_raise(vm, EXC_TYPE_ERROR, "calling %s should have returned an instance of BaseException, not %s",
                 AS_TYPE_OBJECT(x)->name, value_type_name(result));
        return NULL;
    }
    vm_raise(vm, EXC_TYPE_ERROR, "%s must derive from BaseException", what);
    return NULL;
}

bool rt_raise(Vm *vm, Value *args, uint32_t count) {
    if (count == 0) {
        if (!IS_EXCEPTION(vm->exc_info)) return vm_raise(vm, EXC_RUNTIME_ERROR, "No active exception to reraise");
        return rt_reraise(vm, vm->exc_info);
    }
    ObjException *exc = instantiate(vm, args[0], "exceptions");
    if (exc == NULL) return false;
    if (count == 2) {
        Value cause = none_value();
        if (!IS_NONE(args[1])) {
            vm_push_root(vm, obj_value(&exc->obj));
            ObjException *c = instantiate(vm, args[1], "exception causes");
            vm_pop_root(vm);
            if (c == NULL) return false;
            cause = obj_value(&c->obj);
        }
        exc->cause = cause;
        exc->suppress_context = true;
    }
    exception_set_current(vm, exc);
    exception_chain_context(vm, exc);
    return false;
}

bool rt_unwind_to_handler(Vm *vm, Frame *frame, uint32_t *handler, Value **sp) {
    vm_add_traceback(vm, frame);
    /* --timeout must stop the program: no handler may swallow it (a bare except: in a loop would). */
    if (vm->timed_out) return false;
    const ExcEntry *entry = code_find_handler(frame->code, frame->pc - 1);
    if (entry == NULL) return false;
    ObjException *exc = exception_current(vm);
    Value *base = frame->locals + frame->code->nlocals + entry->depth;
    *base = obj_value(&exc->obj);
    vm_clear_error(vm);
    *handler = entry->target;
    *sp = base + 1;
    return true;
}
