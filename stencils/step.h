/* step.h: one instruction of a stencil. stencils/template.c includes it once per step, with STEP defined
 * as 0, 1, 2 or 3: step k runs opcode CPVM_OPCODE_k, and only that opcode's case of vm/bytecode/instructions.h
 * survives the switch. A step whose opcode is -1 (a single instruction, or a shorter sequence) compiles to
 * nothing, and nothing jumps to its label. No include guard: it is meant to be included repeatedly. */
PASTE(step_, STEP): __attribute__((unused)); /* reached from the previous step's NEXT() */
#if PASTE(CPVM_OPCODE_, STEP) >= 0 /* the preprocessor reads OP_X as 0: only an unused step's -1 fails this */
    switch (PASTE(CPVM_OPCODE_, STEP)) {
#include "bytecode/instructions.h"
    }
#endif
    __builtin_unreachable();
