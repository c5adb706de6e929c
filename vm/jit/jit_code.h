/* jit_code.h: the layout of a compiled function, on its own so that the stencils can include it.
 *
 * The CALL stencil (stencils/template.c) enters a compiled callee at its machine code directly, without
 * going through C, so it must read code->jit. Everything else about the JIT is in jit/jit.h, which the
 * stencils do not include: changing it recompiles no stencil.
 */
#ifndef cpvm_jit_code_h
#define cpvm_jit_code_h

#include "core/common.h"

/* A compiled function: one block of JIT memory holding the code of every instruction, in bytecode order,
 * then the data (constants, GOT slots) of every instruction. Public because the CALL stencil
 * (stencils/template.c) enters a compiled callee at [memory] directly, without going through C. */
typedef struct JitCode {
    unsigned char *memory; /* the block; it starts with the code of the first instruction */
    size_t size;           /* bytes of the block */
    uint32_t *entries;     /* code_length slots: offset in memory of the code of the instruction at that
                            * bytecode offset, or UINT32_MAX; jit_execute enters here (calls and OSR) */
} JitCode;

#endif
