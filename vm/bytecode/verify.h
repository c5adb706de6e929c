/* verify.h: proves a loaded function cannot touch memory outside the VM.
 *
 * Called by bytecode.c on every function after reading, and by asm.c and the compiler on what they
 * produce. interp.c and jit.c trust its result: every operand is in range for its kind, every jump
 * lands on an instruction boundary inside the function, execution cannot fall off the end, and on every
 * path the operand stack stays within [0, max_stack] (abstract interpretation over the control-flow graph).
 */
#ifndef cpvm_verify_h
#define cpvm_verify_h

#include "core/vm.h"

/* Checks [code] of [program]. On failure writes "WHAT (function F, offset N)" to [error]. */
bool verify_code(const Program *program, const ObjCode *code, char *error, size_t error_size);
/* Computes the deepest operand stack of [code] (the assembler and compiler use it to fill max_stack).
 * Returns false with a message, like verify_code, when the code is not well formed. */
bool verify_compute_max_stack(const Program *program, const ObjCode *code, uint32_t *max_stack, char *error,
                              size_t error_size);
/* Verifies every function of [program]. */
bool verify_program(const Program *program, char *error, size_t error_size);

#endif
