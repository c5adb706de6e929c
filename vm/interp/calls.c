/* calls.c: calls, frames, names and attributes: the slow paths of CALL, LOAD_GLOBAL, LOAD_METHOD, ...
 *
 * Both tiers push frames with rt_push_frame. The interpreter runs an interpreted callee in its own loop
 * (no C recursion); every other call (a builtin, compiled code, or any call from JIT code) goes through
 * rt_call, which recurses in C and so checks the C stack (vm_c_stack_exhausted) as well as the recursion limit.
 */
#include <string.h>

#include "interp/interp.h"
#include "jit/jit.h"
#include "core/vm.h"
#include "objects/object.h"
#include "ops/runtime.h"

/* --- Frames -------------------------------------------------------------------------------------------- */

/* Raises CPython's TypeError for a call of [code] with [argc] positional arguments. */
__attribute__((cold, noinline)) static bool argument_count_error(Vm *vm, ObjCode *code, int argc) {
    uint32_t required = code->nparams - code->ndefaults;
    const char *name = code->name->chars;
    if ((uint32_t)argc < required) {
        uint32_t missing = required - (uint32_t)argc;
        char names[256] = "";
        size_t used = 0;
        for (uint32_t i = (uint32_t)argc; i < required && used < sizeof names - 64; i++) {
            const char *sep = "";
            if (i > (uint32_t)argc) sep = (i + 1 == required) ? (missing == 2 ? " and " : ", and ") : ", ";
            used += (size_t)snprintf(names + used, sizeof names - used, "%s'%s'", sep, code->local_names[i]->chars);
        }
        return vm_raise(vm, EXC_TYPE_ERROR, "%s() missing %u required positional argument%s: %s", name, missing,
                        missing == 1 ? "" : "s", names);
    }
    const char *was = argc == 1 ? "was" : "were";
    if (code->ndefaults == 0) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes %u positional argument%s but %d %s given", name,
                        code->nparams, code->nparams == 1 ? "" : "s", argc, was);
    }
    return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes from %u to %u positional arguments but %d %s given", name,
                    required, code->nparams, argc, was);
}

/* Pushes the frame of function *callee whose parameters are all set already: the limits, then the frame. */
Frame *rt_push_bound_frame(Vm *vm, Value *callee) {
    ObjCode *code = AS_FUNCTION(*callee)->code;
    /* Calls check interrupts as loop back-edges do: recursion without loops must stop on --timeout too. */
    if (__builtin_expect(vm->exec.interrupt != 0, 0) && !rt_interrupted(vm)) return NULL;
    Value *locals = callee + 1;
    if (vm->exec.frame_count >= vm->exec.frame_capacity ||
        (size_t)(vm->exec.stack_end - locals) < (size_t)code->nlocals + code->max_stack) {
        vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
        return NULL;
    }
    return frame_enter(vm, code, locals);
}

Frame *rt_push_frame(Vm *vm, Value *callee, int argc) {
    ObjFunction *function = AS_FUNCTION(*callee);
    ObjCode *code = function->code;
    if (code->fast_argc == UINT32_MAX) { /* keyword-only parameters, *args or **kwargs */
        if (!bind_arguments(vm, callee, argc, NULL)) return NULL;
        return rt_push_bound_frame(vm, callee);
    }
    if ((uint32_t)argc > code->nparams || (uint32_t)argc < code->nparams - code->ndefaults) {
        argument_count_error(vm, code, argc);
        return NULL;
    }
    Value *locals = callee + 1;
    if ((size_t)(vm->exec.stack_end - locals) < (size_t)code->nlocals + code->max_stack) {
        vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
        return NULL;
    }
    uint32_t first_default = code->nparams - code->ndefaults;
    for (uint32_t i = (uint32_t)argc; i < code->nparams; i++) {
        locals[i] = function->defaults->items[i - first_default];
    }
    return rt_push_bound_frame(vm, callee);
}

void rt_count_call(Vm *vm, ObjCode *code) {
    if (vm->jit_mode == JIT_OFF || code->jit != NULL) return;
    if (vm->jit_mode == JIT_ALWAYS || ++code->hotness >= vm->jit_threshold) jit_compile(vm, code);
}

/* --- Calls --------------------------------------------------------------------------------------------- */

/* Checks that [kwnames] is a tuple of strs naming at most [argc] arguments (bytecode can say anything). */
static bool check_kwnames(Vm *vm, ObjTuple *kwnames, int argc) {
    if (kwnames->count > (uint32_t)argc) return vm_raise(vm, EXC_TYPE_ERROR, "more keyword names than arguments");
    for (uint32_t i = 0; i < kwnames->count; i++) {
        if (!IS_STRING(kwnames->items[i])) return vm_raise(vm, EXC_TYPE_ERROR, "keywords must be strings");
    }
    return true;
}

/* Runs the frame of a call from C (or from compiled code) until it returns. [argc] < 0: the arguments
 * are bound already (bind_arguments). */
static bool call_function(Vm *vm, Value *callee, int argc) {
    if (AS_FUNCTION(*callee)->code->flags & CODE_GENERATOR) return rt_make_generator(vm, callee, argc);
    Frame *frame;
    if (argc >= 0) {
        frame = call_begin(vm, callee, argc);
    } else if (vm_c_stack_exhausted(vm)) {
        vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
        frame = NULL;
    } else if ((frame = rt_push_bound_frame(vm, callee)) != NULL) {
        frame->c_entry = true;
    }
    if (frame == NULL) return false;
    ObjCode *code = frame->code;
    rt_count_call(vm, code);
    if (code->jit != NULL) {
        return call_end_compiled(vm, frame, jit_execute(vm, frame, frame->locals + code->nlocals, 0));
    }
    bool ok = interp_run(vm, frame); /* adds its own traceback lines */
    vm->exec.frame_count--;
    return ok; /* the result is in frame->locals[-1], which is *callee */
}

bool rt_call(Vm *vm, Value *callee, int argc, ObjTuple *kwnames) {
    if (kwnames != NULL && !check_kwnames(vm, kwnames, argc)) return false;
    if (kwnames != NULL && kwnames->count == 0) kwnames = NULL;
    Value f = *callee;
    if (IS_FUNCTION(f)) {
        if (kwnames != NULL) {
            if (!bind_arguments(vm, callee, argc, kwnames)) return false;
            argc = -1; /* bound */
        }
        return call_function(vm, callee, argc);
    }
    /* Everything else callable (builtins, types, bound methods) says how through its type's call slot. */
    if (IS_OBJ(f) && type_of_obj(AS_OBJ(f))->call != NULL) return type_of_obj(AS_OBJ(f))->call(vm, callee, argc, kwnames);
    return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not callable", value_type_name(f));
}

/* Where a call from C may put its callee and arguments: above the top frame's whole region and above
 * the arguments of any call from C still running (a builtin called by map() calling a key function). */
Value *rt_c_call_base(Vm *vm) {
    Value *base = vm->exec.stack + 1;
    if (vm->exec.frame_count > 0) {
        Frame *top = &vm->exec.frames[vm->exec.frame_count - 1];
        base = top->locals + code_frame_extent(top->code);
    }
    return vm->c_call_top > base ? vm->c_call_top : base;
}

bool rt_call_value(Vm *vm, Value fn, const Value *args, int argc, ObjTuple *kwnames, Value *result) {
    Value *base = rt_c_call_base(vm);
    if (vm->exec.stack_end - base < (ptrdiff_t)argc + 2 || vm_c_stack_exhausted(vm)) {
        return vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
    }
    base[0] = fn;
    if (argc > 0) memmove(base + 1, args, sizeof(Value) * (size_t)argc); /* args may be NULL when argc is 0 */
    Value *saved_top = vm->c_call_top;
    vm->c_call_top = base + argc + 1;
    /* The collector clears the dead slots up to stack_high: these must be among them once the call is over. */
    if (vm->exec.stack_high < vm->c_call_top) vm->exec.stack_high = vm->c_call_top;
    vm_push_root(vm, kwnames != NULL ? obj_value(&kwnames->obj) : none_value());
    bool ok = rt_call(vm, base, argc, kwnames);
    vm_pop_root(vm);
    vm->c_call_top = saved_top;
    if (ok) *result = base[0];
    return ok;
}

bool rt_make_function(Vm *vm, Value code, Value defaults, bool has_defaults, Value *result) {
    if (!IS_CODE(code)) return vm_raise(vm, EXC_TYPE_ERROR, "MAKE_FUNCTION expects a code object");
    ObjCode *body = AS_CODE(code);
    ObjTuple *tuple = NULL;
    if (has_defaults) {
        if (!IS_TUPLE(defaults)) return vm_raise(vm, EXC_TYPE_ERROR, "function defaults must be a tuple");
        tuple = AS_TUPLE(defaults);
    }
    uint32_t count = tuple == NULL ? 0 : tuple->count;
    if (count != body->ndefaults) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s() expects %u default values, got %u", body->name->chars,
                        body->ndefaults, count);
    }
    ObjFunction *function = function_new(vm, body, count == 0 ? NULL : tuple);
    if (function == NULL) return false;
    *result = obj_value(&function->obj);
    return true;
}

bool rt_set_kwdefaults(Vm *vm, Value function, Value kwdefaults) {
    if (!IS_FUNCTION(function) || !IS_DICT(kwdefaults)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "SET_KWDEFAULTS expects a function and a dict");
    }
    AS_FUNCTION(function)->kwdefaults = AS_DICT(kwdefaults);
    return true;
}

/* --- Names and attributes ------------------------------------------------------------------------------ */

bool rt_name_error(Vm *vm, ObjString *name) {
    return vm_raise(vm, EXC_NAME_ERROR, "name '%s' is not defined", name->chars);
}

/* del x at module level. The slot of a name that is also a builtin starts as that builtin, so a slot still
 * holding it was never assigned (NameError, as CPython), and deleting an assigned one uncovers it again. */
bool rt_delete_global(Vm *vm, ObjString *name, Value *slot) {
    Value builtin = undef_value();
    for (uint32_t i = 0; i < vm->nbuiltins; i++) {
        if (string_equal(vm->builtin_names[i], name)) builtin = vm->builtin_values[i];
    }
    if (IS_UNDEF(*slot) || (!IS_UNDEF(builtin) && value_is(*slot, builtin))) return rt_name_error(vm, name);
    *slot = builtin;
    return true;
}

bool rt_unbound_local(Vm *vm, ObjCode *code, uint32_t index) {
    return vm_raise(vm, EXC_UNBOUND_LOCAL_ERROR, "cannot access local variable '%s' where it is not associated with a value",
                    code->local_names[index]->chars);
}

bool rt_load_attr(Vm *vm, Value obj, ObjString *name, Value *result) {
    return value_getattr(vm, obj, name, result);
}

bool rt_load_method(Vm *vm, Value obj, ObjString *name, Value *out) { return value_find_method(vm, obj, name, out); }

/* --- Errors raised by instructions --------------------------------------------------------------------- */

bool rt_raise_assert(Vm *vm, Value message) {
    if (IS_NONE(message)) return vm_raise(vm, EXC_ASSERTION_ERROR, "%s", "");
    ObjString *text = value_to_string(vm, message);
    if (text == NULL) return false;
    return vm_raise(vm, EXC_ASSERTION_ERROR, "%s", text->chars);
}

