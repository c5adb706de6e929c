/* shim.c: the entry shim, the one way from C into JIT code.
 *
 * jit_execute (vm/jit/jit.c) calls it as an ordinary C function. It enters the stencil at [entry] with the
 * stencils' preserve_none convention, which pins vm, frame, locals and sp in registers and treats every
 * other register as scratch; clang therefore saves the C callee-saved registers here, once per entry,
 * instead of in every stencil. It is built like a stencil (tools/build_stencils.py) because gcc does not
 * know preserve_none; it has no holes, so jit.c copies it into JIT memory once per VM.
 */
#include "core/exec.h"

typedef __attribute__((preserve_none)) int Stencil(Vm *vm, Frame *frame, Value *locals, Value *sp);

int cpvm_shim(Vm *vm, Frame *frame, Value *sp, Stencil *entry) {
    return entry(vm, frame, frame->locals, sp);
}
