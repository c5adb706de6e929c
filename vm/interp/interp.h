/* interp.h: the interpreter: runs frames with computed-goto dispatch over vm/bytecode/instructions.h. */
#ifndef cpvm_interp_h
#define cpvm_interp_h

#include "core/vm.h"

/* Runs [frame] (already pushed, with frame->c_entry set) until it returns (true, result in
 * frame->locals[-1]) or an error leaves it (false; traceback lines added for every frame it unwound). */
bool interp_run(Vm *vm, Frame *frame);
/* The same, with the operand stack already holding values up to [sp] and the frame going on at its pc:
 * how a generator's frame is entered again (interp/generators.c). */
bool interp_resume(Vm *vm, Frame *frame, Value *sp);

/* --- Generators (generators.c) ---------------------------------------------------------------------- */

/* Calling a generator function: binds the [argc] arguments above [callee] as a call would and replaces
 * *callee with a new generator object; nothing of the body runs. */
bool rt_make_generator(Vm *vm, Value *callee, int argc);
/* Runs a generator on (vm->resume_generator, which objects/generator.c calls; see GenAction there). */
int rt_resume_generator(Vm *vm, ObjGenerator *gen, int action, Value arg, Value *result);
/* Where a call from C may put its callee and arguments (calls.c). */
Value *rt_c_call_base(Vm *vm);

/* Binds the [argc] arguments above [callee] (a Python function; the last kwnames->count of them keyword
 * arguments, or kwnames NULL) to its parameters in place: afterwards its first nparam_slots locals are
 * set (bind.c). False with CPython's TypeError when they do not fit. */
bool bind_arguments(Vm *vm, Value *callee, int argc, ObjTuple *kwnames);

#endif
