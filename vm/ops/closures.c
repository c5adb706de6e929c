/* closures.c: the slow paths of the closure and comprehension instructions (bytecode/instructions.h).
 *
 * A function's variables that inner functions use live in cells (objects/cell.h). The compiler puts the
 * free ones (an enclosing function's cells) in the last slots of the frame; COPY_FREE_VARS fills them
 * from the closure of the function being run, which sits in the callee slot below the frame's locals
 * (core/exec.h). Bytecode is not trusted here: every cell and closure is checked before use.
 */
#include "core/vm.h"
#include "objects/object.h"
#include "ops/runtime.h"

bool rt_make_cell(Vm *vm, Value value, Value *result) {
    ObjCell *cell = cell_new(vm, value);
    if (cell == NULL) return false;
    *result = obj_value(&cell->obj);
    return true;
}

/* True when local [index] of [frame] is one of the free variables COPY_FREE_VARS filled: the slots at the
 * end of the frame, one per cell of the running function's closure. */
static bool is_free_slot(const Frame *frame, uint32_t index) {
    Value function = frame->locals[-1];
    if (!IS_FUNCTION(function) || AS_FUNCTION(function)->code != frame->code) return false;
    const ObjTuple *closure = AS_FUNCTION(function)->closure;
    return closure != NULL && index + closure->count >= frame->code->nlocals;
}

bool rt_deref_error(Vm *vm, Frame *frame, uint32_t index) {
    const char *name = frame->code->local_names[index]->chars;
    if (!IS_CELL(frame->locals[index])) return vm_raise(vm, EXC_TYPE_ERROR, "local '%s' holds no cell", name);
    if (is_free_slot(frame, index)) {
        return vm_raise(vm, EXC_NAME_ERROR,
                        "cannot access free variable '%s' where it is not associated with a value in enclosing scope", name);
    }
    return vm_raise(vm, EXC_UNBOUND_LOCAL_ERROR, "cannot access local variable '%s' where it is not associated with a value",
                    name);
}

bool rt_copy_free_vars(Vm *vm, Frame *frame, uint32_t count) {
    Value function = frame->locals[-1];
    /* A generator's frame runs with the generator in its callee slot (interp/generators.c), and its body
     * starts, COPY_FREE_VARS first, at the first next(): the closure is its function's. */
    if (IS_GENERATOR(function)) function = obj_value(&AS_GENERATOR(function)->function->obj);
    uint32_t nlocals = frame->code->nlocals;
    const ObjTuple *closure = IS_FUNCTION(function) ? AS_FUNCTION(function)->closure : NULL;
    if (closure == NULL || closure->count != count || count > nlocals) {
        return vm_raise(vm, EXC_TYPE_ERROR, "COPY_FREE_VARS %u: the running function has no closure of that size", count);
    }
    for (uint32_t i = 0; i < count; i++) frame->locals[nlocals - count + i] = closure->items[i];
    return true;
}

bool rt_make_closure(Vm *vm, Value code, Value cells, Value defaults, bool has_defaults, Value *result) {
    if (!IS_TUPLE(cells)) return vm_raise(vm, EXC_TYPE_ERROR, "MAKE_CLOSURE expects a tuple of cells");
    ObjTuple *closure = AS_TUPLE(cells);
    for (uint32_t i = 0; i < closure->count; i++) {
        if (!IS_CELL(closure->items[i])) return vm_raise(vm, EXC_TYPE_ERROR, "MAKE_CLOSURE expects a tuple of cells");
    }
    if (!rt_make_function(vm, code, defaults, has_defaults, result)) return false;
    AS_FUNCTION(*result)->closure = closure->count > 0 ? closure : NULL;
    return true;
}

bool rt_comprehension_add(Vm *vm, Value container, Value k, Value v) {
    if (IS_LIST(container) && IS_UNDEF(k)) return list_append(vm, AS_LIST(container), v);
    if (IS_SET(container) && IS_UNDEF(k)) return set_insert(vm, AS_SET(container), v);
    if (IS_DICT(container) && !IS_UNDEF(k)) return dict_set(vm, AS_DICT(container), k, v);
    return vm_raise(vm, EXC_TYPE_ERROR, "a comprehension adds to a '%s'", value_type_name(container));
}
