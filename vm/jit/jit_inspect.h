/* jit_inspect.h: `cpvm stencils` and `cpvm explain`: the JIT's stencils, and compiled functions hole by hole.
 *
 * main.c calls the two commands; jit_debug.c asks for the stack depth through each stencil (gdb's unwind
 * rules). Everything here re-runs the generated emit functions of jit_stencils.h with patch functions that
 * record each hole, so what it shows is what vm/jit/jit.c does, not a second description of it.
 */
#ifndef cpvm_jit_inspect_h
#define cpvm_jit_inspect_h

#include <stdio.h>

#include "core/vm.h"

/* `cpvm stencils [NAME...]`: size, holes and disassembly of every stencil, or of those named (an opcode
 * such as LOAD_FAST gives all its stencils; BINARY_OP_ADD or shim just that one). Returns false, with
 * the unknown name in [error], when a name matches nothing; nothing is printed then. */
bool jit_inspect_stencils(FILE *out, int count, char **names, char *error, size_t error_size);

/* `cpvm explain`: compiles every function of linked [program], or only those called [function], and
 * prints each bytecode instruction with its stencil, address and patched holes, then the machine code,
 * as text or (json) as one JSON document. Returns false with a message in [error] when no function
 * has that name or the JIT cannot compile. */
bool jit_inspect_explain(Vm *vm, Program *program, const char *function, bool json, FILE *out, char *error,
                         size_t error_size);

/* The callee-saved registers (System V) that the shim saves and stencils may push (preserve_none code
 * keeps only rbp): their DWARF numbers are 3, 6, 12, 13, 14, 15. */
enum { JIT_SAVED_RBX, JIT_SAVED_RBP, JIT_SAVED_R12, JIT_SAVED_R13, JIT_SAVED_R14, JIT_SAVED_R15, JIT_SAVED_COUNT_ };

/* How far the stack pointer has moved below a stencil's entry: from byte [offset] of the stencil on, the
 * code has pushed [depth] bytes, so the return address of the JIT code's caller is at rsp + depth, and
 * register r's value on entry is on the stack where the depth was saved[r] right after pushing it (-1:
 * still in the register). */
typedef struct {
    uint32_t offset;
    uint32_t depth;
    int32_t saved[JIT_SAVED_COUNT_];
} JitStackStep;

/* Number of stencils (stencil indices run from 0 to this, exclusive); 0 without a JIT. */
uint32_t jit_inspect_stencil_count(void);
/* The steps through the hot ([cold] false) or cold code of stencil [stencil], or of the entry shim when
 * [stencil] is jit_inspect_stencil_count(). Writes at most [max] steps, returns how many there are (the
 * first is at offset 0). Found by decoding the stencil with Capstone; without Capstone, one step, depth 0. */
size_t jit_inspect_stack_steps(uint32_t stencil, bool cold, JitStackStep *steps, size_t max);

#endif
