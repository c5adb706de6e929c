/* interp.h: the interpreter: runs frames with computed-goto dispatch over vm/bytecode/instructions.h. */
#ifndef cpvm_interp_h
#define cpvm_interp_h

#include "core/vm.h"

/* Runs [frame] (already pushed, with frame->c_entry set) until it returns (true, result in
 * frame->locals[-1]) or an error leaves it (false; traceback lines added for every frame it unwound). */
bool interp_run(Vm *vm, Frame *frame);

/* Binds the [argc] arguments above [callee] (a Python function; the last kwnames->count of them keyword
 * arguments, or kwnames NULL) to its parameters in place: afterwards its first nparam_slots locals are
 * set (bind.c). False with CPython's TypeError when they do not fit. */
bool bind_arguments(Vm *vm, Value *callee, int argc, ObjTuple *kwnames);

#endif
