/* template.c: the JIT template. clang compiles this file once per stencil (tools/build_stencils.py), with
 * -DCPVM_OPCODE=OP_NAME and, for operand-specialised stencils, -DCPVM_OPARG=k. It includes the same
 * instruction bodies the interpreter runs (vm/instructions.h) and only redefines their vocabulary, so a
 * stencil is "the interpreter's body for one opcode, with every run-time value left as a hole".
 *
 * A hole is the address of an extern symbol named HOLE_*: the compiler cannot know it, so it leaves a
 * relocation, and vm/jit.c patches the relocation when it copies the stencil. The holes are
 *
 *   HOLE_CONTINUE     the next instruction's code (tools/jit/stencils.py turns these jumps into jumps to
 *                     the end of the stencil, and drops the last one: stencils fall through)
 *   HOLE_JUMP_TARGET  the code of the instruction at the jump operand
 *   HOLE_OPARG        the operand (32-bit)                HOLE_PC_AFTER  byte offset past this instruction (32-bit)
 *   HOLE_CONST_TYPE   tag of constant OPARG (64-bit)      HOLE_CONST_BITS  its payload (64-bit)
 *   HOLE_NAME         ObjString * of name OPARG (64-bit)  HOLE_GLOBAL  address of the global slot (64-bit)
 *
 * and every runtime helper a body calls (rt_*, vm_raise) is a relocation to that function.
 *
 * Every stencil is a function with the same signature, preserve_none so that vm, frame, locals and sp
 * stay in registers (r12, r13, r14, r15) from stencil to stencil, and control passes by musttail calls,
 * which compile to plain jumps. A stencil returns (to the entry shim, stencils/shim.c, or to the CALL
 * stencil that entered it, see call_compiled) only to leave its frame: 1 when the frame returned, 0 on an
 * error. Blocks that can only return (error exits) are moved out of line by the build. The clang flags
 * and their reasons are in tools/jit/llvm.py.
 */
#include "common.h"
#include "jit.h"
#include "opcodes.h"
#include "runtime.h"

#define STENCIL_ABI __attribute__((preserve_none))

typedef STENCIL_ABI int Stencil(Vm *vm, Frame *frame, Value *locals, Value *sp);

/* Holes the code jumps to. Hidden, so that -fno-plt leaves them direct jumps (R_X86_64_PLT32, patched
 * relative) while calls to runtime helpers go through a GOT slot that jit.c can relax to a direct call. */
#define JUMP_HOLE __attribute__((visibility("hidden")))
extern Stencil HOLE_CONTINUE JUMP_HOLE, HOLE_JUMP_TARGET JUMP_HOLE;

/* Value holes. tools/jit/llvm.py compiles with -mcmodel=medium -mlarge-data-threshold=0, so every data
 * symbol is "large" and loaded with a 64-bit movabs (R_X86_64_64): what a pointer or a Value word needs.
 * An explicit section makes a symbol "small" again, addressed by a 32-bit absolute (R_X86_64_32 or 32S):
 * that is all an operand or a pc needs, and it saves 5 bytes per use. tools/jit/stencils.py checks that
 * each hole gets the width declared here. */
#define SMALL_HOLE __attribute__((section(".hole32")))
extern char HOLE_OPARG[1] SMALL_HOLE, HOLE_PC_AFTER[1] SMALL_HOLE;
/* Not const: GLOBAL() is written through, and the compiler may assume nobody writes a const object. */
extern char HOLE_CONST_TYPE[], HOLE_CONST_BITS[], HOLE_NAME[], HOLE_GLOBAL[];

#define PATCH_VALUE(type, hole) ((type)(uintptr_t)(hole))

/* --- The vocabulary of vm/instructions.h ----------------------------------------------------------- */

#define INSTRUCTION(name) case OP_##name:

#ifdef CPVM_OPARG
#define OPARG ((uint32_t)(CPVM_OPARG)) /* an operand-specialised stencil: switch (OPARG) folds away */
#else
#define OPARG PATCH_VALUE(uint32_t, HOLE_OPARG)
#endif

#define CONST() ((Value){.type = PATCH_VALUE(uint64_t, HOLE_CONST_TYPE), .as.bits = PATCH_VALUE(uint64_t, HOLE_CONST_BITS)})
#define NAME() PATCH_VALUE(ObjString *, HOLE_NAME)
#define GLOBAL() PATCH_VALUE(Value *, HOLE_GLOBAL)

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(int64_t)(n)])

#define NEXT() __attribute__((musttail)) return HOLE_CONTINUE(vm, frame, locals, sp)
#define JUMP_TO_TARGET() __attribute__((musttail)) return HOLE_JUMP_TARGET(vm, frame, locals, sp)
/* Back-edge counting is the interpreter's business: compiled code is already in the top tier. */
#define LOOP_BACK_EDGE() ((void)0)
/* The frame's pc only matters when an error leaves it: the traceback reads the line at pc - 1. */
#define RAISE()                                                 \
    do {                                                        \
        frame->pc = PATCH_VALUE(uint32_t, HOLE_PC_AFTER);       \
        return 0;                                               \
    } while (0)
#define RETURN_FROM_FRAME(v)                                    \
    do {                                                        \
        locals[-1] = (v);                                       \
        return 1;                                               \
    } while (0)
/* A compiled callee is entered directly (call_compiled); anything else goes through rt_call. */
#define CALL_FUNCTION(c, n)                                                                 \
    do {                                                                                    \
        Value *callee_ = (c);                                                               \
        if (IS_FUNCTION(*callee_) && AS_FUNCTION(*callee_)->code->jit != NULL) {            \
            if (!call_compiled(vm, callee_, (int)(n))) RAISE();                             \
        } else if (!rt_call(vm, callee_, (int)(n), NULL)) {                                 \
            RAISE();                                                                        \
        }                                                                                   \
        sp = callee_ + 1;                                                                   \
        NEXT();                                                                             \
    } while (0)

/* Calls compiled function [callee] with the [argc] values above it, as calls.c's call_function does (the
 * same call_begin and call_end_compiled from runtime.h), but stencil to stencil: a preserve_none call
 * straight into the callee's code instead of rt_call, jit_execute and the entry shim. This is what makes
 * calls cheap in compiled code. */
static inline bool call_compiled(Vm *vm, Value *callee, int argc) {
    Frame *frame = call_begin(vm, callee, argc);
    if (frame == NULL) return false;
    Stencil *entry = (Stencil *)(uintptr_t)frame->code->jit->memory;
    return call_end_compiled(vm, frame, entry(vm, frame, frame->locals, frame->locals + frame->code->nlocals) != 0);
}

STENCIL_ABI int cpvm_stencil(Vm *vm, Frame *frame, Value *locals, Value *sp) {
    switch (CPVM_OPCODE) {
#include "instructions.h"
    }
    __builtin_unreachable();
}
