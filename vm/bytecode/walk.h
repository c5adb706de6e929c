/* walk.h: the one decoder of cpvm's instruction encoding, and a walker over a code array.
 *
 * The encoding (opcodes.h): an opcode byte, then a 4-byte little-endian operand unless the opcode's kind
 * is OPK_NONE. The stencils never decode (their operands are holes), so stencils/template.c does not
 * include this file, and editing it rebuilds no stencil.
 *
 * Two ways in. The walker (bytecode_next, bytecode_decode) is safe on code nobody has verified yet: it
 * never reads code[length] or beyond, whatever the bytes say. The verifier's first passes, disasm.c,
 * bytecode.c and jit_inspect.c walk with it. Code that only ever sees verified code, where every
 * instruction is whole, reads operands with bytecode_oparg alone and steps with opcode_size: the
 * interpreter's dispatch (interp.c), the verifier's stack pass and the JIT (jit.c), whose speed the
 * walker's checks would cost (a few percent of jit_compile).
 */
#ifndef cpvm_walk_h
#define cpvm_walk_h

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "bytecode/opcodes.h"

/* The little-endian u32 at [p] .. [p] + 3: an operand, and every u32 of a .cpb file (bytecode.h). On
 * x86-64 this is a single 4-byte load (memcpy of a constant size compiles to one mov). */
static inline uint32_t bytecode_u32_le(const uint8_t *p) {
    uint32_t v;
    memcpy(&v, p, sizeof v);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap32(v);
#endif
    return v;
}
/* The operand of the instruction whose opcode byte is at [instruction]: the 4 bytes after that byte.
 *
 * Contract: instruction[1] .. instruction[4] must be readable. They are for every instruction start of
 * an ObjCode, even the last one's and even an OPK_NONE one's, because each code array is followed by 4
 * zero bytes (ObjCode.code in object.h). So the interpreter may fetch the operand of every instruction
 * before dispatching on its opcode, without a branch on the operand kind; for an OPK_NONE opcode the
 * value is meaningless (the next instruction's bytes) and its body never reads it. Code that may be
 * malformed uses bytecode_decode instead, which checks the length first. */
static inline uint32_t bytecode_oparg(const uint8_t *instruction) { return bytecode_u32_le(instruction + 1); }

/* One decoded instruction. */
typedef struct {
    uint32_t pc;    /* offset of its opcode byte */
    uint32_t next;  /* offset just past it: pc + 1, or pc + 5 with an operand (may pass the code's end
                       when the operand is cut off: callers that check code compare next with length) */
    int op;         /* the opcode byte; >= OP_COUNT_ when it is no opcode (only in unverified code) */
    uint32_t oparg; /* the operand; 0 when the opcode has none or is unknown */
} BytecodeStep;

/* Decodes the instruction at [pc] of the [length] bytes at [code]. Unknown opcode bytes count as one
 * byte with no operand, so listings of broken code can go on. An operand cut off by the end reads as if
 * the missing bytes were zero (the padding that follows an ObjCode's code), but without reading them.
 * At [pc] >= [length] nothing is read: op is -1 and next is pc. */
static inline BytecodeStep bytecode_decode(const uint8_t *code, uint32_t length, uint32_t pc) {
    BytecodeStep step = {pc, pc, -1, 0};
    if (pc >= length) return step;
    step.op = code[pc];
    step.next = pc + 1;
    if (step.op >= OP_COUNT_ || opcode_info[step.op].kind == OPK_NONE) return step;
    step.next = pc + 5;
    /* A cut-off operand is rare (broken files only); saying so keeps the common path short. */
    if (__builtin_expect(length - pc >= 5, 1)) {
        step.oparg = bytecode_oparg(code + pc);
    } else {
        for (uint32_t k = length - pc - 1; k > 0; k--) step.oparg = step.oparg << 8 | code[pc + k];
    }
    return step;
}

/* Steps [step] to the instruction at step->next; false at the end of the code. Start from a zeroed step:
 *
 *     for (BytecodeStep s = {0}; bytecode_next(code->code, code->code_length, &s);)
 *         ... s.pc, s.op, s.oparg ...
 */
static inline bool bytecode_next(const uint8_t *code, uint32_t length, BytecodeStep *step) {
    if (step->next >= length) return false;
    *step = bytecode_decode(code, length, step->next);
    return true;
}

#endif
