/* template.c: the JIT template. clang compiles this file once per stencil (tools/build_stencils.py). It
 * includes the same instruction bodies the interpreter runs (vm/bytecode/instructions.h) and only redefines their
 * vocabulary, so a stencil is "the interpreter's body for one opcode, with every run-time value left as a
 * hole". -DCPVM_OPCODE_0=OP_NAME says which opcode; -DCPVM_OPARG_0=k fixes its operand (one stencil per
 * BinaryOp, CompareOp or flag value, so the body's switch on the operand folds away).
 *
 * A sequence stencil (a superinstruction) is up to four consecutive instructions compiled as one function:
 * -DCPVM_OPCODE_1=..., _2, _3 add the bodies of the following instructions, and NEXT() between them is a
 * plain goto, so clang keeps values in registers across instruction boundaries and folds away type checks
 * it can prove (an int constant's, or a bool just computed by COMPARE_OP and tested by POP_JUMP_IF_FALSE).
 * tools/jit/sequences.py lists the sequences; vm/jit/jit.c picks the longest one that matches.
 *
 * A hole is the address of an extern symbol named HOLE_*: the compiler cannot know it, so it leaves a
 * relocation, and vm/jit/jit.c patches the relocation when it copies the stencil. The holes are
 *
 *   HOLE_CONTINUE     the next instruction's code (tools/jit/stencils.py turns these jumps into jumps to
 *                     the end of the stencil, and drops the last one: stencils fall through)
 *   HOLE_JUMP_TARGET  the code of the instruction at the jump operand
 *   HOLE_OPARG        the operand (32-bit)                HOLE_PC_AFTER  byte offset past this instruction (32-bit)
 *   HOLE_LOCAL_OFFSET byte offset of local OPARG (32-bit) HOLE_CONST_TYPE  tag of constant OPARG (64-bit)
 *   HOLE_CONST_BITS   its payload (64-bit)                HOLE_NAME  ObjString * of name OPARG (64-bit)
 *   HOLE_GLOBAL       address of the global slot (64-bit)
 *
 * (in a sequence, step k's are HOLE_OPARG_k and so on), and every runtime helper a body calls (rt_*,
 * vm_raise) is a relocation to that function.
 *
 * Every stencil is a function with the same signature, preserve_none so that vm, frame, locals and sp
 * stay in registers (r12, r13, r14, r15) from stencil to stencil, and control passes by musttail calls,
 * which compile to plain jumps. A stencil returns (to the entry shim, stencils/shim.c, or to the CALL
 * stencil that entered it, see call_compiled) only to leave its frame: 1 when the frame returned, 0 on an
 * error. Blocks that can only return (error exits) are moved out of line by the build. The clang flags
 * and their reasons are in tools/jit/llvm.py.
 */
#include "core/common.h"
#include "core/errors.h"
#include "jit/jit_code.h"
#include "bytecode/opcodes.h"
#include "ops/runtime.h"

#define STENCIL_ABI __attribute__((preserve_none))

typedef STENCIL_ABI int Stencil(Vm *vm, Frame *frame, Value *locals, Value *sp);

/* --- Which instructions this stencil is ---------------------------------------------------------------
 * A stencil is one instruction, or a sequence of up to 4 consecutive ones (a superinstruction, chosen by
 * tools/jit/sequences.py). tools/build_stencils.py says which with -D: step k runs opcode CPVM_OPCODE_k,
 * its operand is fixed at CPVM_OPARG_k when that is >= 0, and CPVM_CONST_TYPE_k, when not 0, is the type
 * tag (VAL_INT, VAL_FLOAT) of the constant a LOAD_CONST step pushes. Unused steps have opcode -1. */
#ifndef CPVM_OPARG_0
#define CPVM_OPARG_0 (-1)
#endif
#ifndef CPVM_CONST_TYPE_0
#define CPVM_CONST_TYPE_0 0
#endif
#ifndef CPVM_OPCODE_1
#define CPVM_OPCODE_1 (-1)
#endif
#ifndef CPVM_OPARG_1
#define CPVM_OPARG_1 (-1)
#endif
#ifndef CPVM_CONST_TYPE_1
#define CPVM_CONST_TYPE_1 0
#endif
#ifndef CPVM_OPCODE_2
#define CPVM_OPCODE_2 (-1)
#endif
#ifndef CPVM_OPARG_2
#define CPVM_OPARG_2 (-1)
#endif
#ifndef CPVM_CONST_TYPE_2
#define CPVM_CONST_TYPE_2 0
#endif
#ifndef CPVM_OPCODE_3
#define CPVM_OPCODE_3 (-1)
#endif
#ifndef CPVM_OPARG_3
#define CPVM_OPARG_3 (-1)
#endif
#ifndef CPVM_CONST_TYPE_3
#define CPVM_CONST_TYPE_3 0
#endif

/* Holes the code jumps to. Hidden, so that -fno-plt leaves them direct jumps (R_X86_64_PLT32, patched
 * relative) while calls to runtime helpers go through a GOT slot that jit.c can relax to a direct call. */
#define JUMP_HOLE __attribute__((visibility("hidden")))
extern Stencil HOLE_CONTINUE JUMP_HOLE;

/* Value holes. tools/jit/llvm.py compiles with -mcmodel=medium -mlarge-data-threshold=0, so every data
 * symbol is "large" and loaded with a 64-bit movabs (R_X86_64_64): what a pointer or a Value word needs.
 * An explicit section makes a symbol "small" again, addressed by a 32-bit absolute (R_X86_64_32 or 32S):
 * that is all an operand or a pc needs, and it saves 5 bytes per use. tools/jit/stencils.py checks that
 * each hole gets the width declared here.
 * Every step of a sequence has its own operand, constant, jump target and pc: step 0's holes are HOLE_OPARG
 * and so on, step k's are HOLE_OPARG_k. GLOBAL is not const: GLOBAL() is written through, and the compiler
 * may assume nobody writes a const object. */
#define SMALL_HOLE __attribute__((section(".hole32")))
#define DECLARE_STEP_HOLES(suffix)                                                                        \
    extern Stencil HOLE_JUMP_TARGET##suffix JUMP_HOLE;                                                   \
    extern char HOLE_OPARG##suffix[1] SMALL_HOLE, HOLE_PC_AFTER##suffix[1] SMALL_HOLE;                   \
    extern char HOLE_LOCAL_OFFSET##suffix[1] SMALL_HOLE;                                                 \
    extern char HOLE_CONST_TYPE##suffix[], HOLE_CONST_BITS##suffix[], HOLE_NAME##suffix[], HOLE_GLOBAL##suffix[];
DECLARE_STEP_HOLES()
DECLARE_STEP_HOLES(_1)
DECLARE_STEP_HOLES(_2)
DECLARE_STEP_HOLES(_3)

#define PATCH_VALUE(type, hole) ((type)(uintptr_t)(hole))
#define PASTE_(a, b) a##b
#define PASTE(a, b) PASTE_(a, b)
/* The hole [name] of the step being expanded: STEP_SUFFIX is empty for step 0, then _1, _2, _3. */
#define STEP_HOLE(name) PASTE(HOLE_##name, STEP_SUFFIX)

/* --- The vocabulary of vm/bytecode/instructions.h ----------------------------------------------------------- *
 * Each is written in terms of STEP, the step whose body is being expanded (the function at the end defines
 * it around each copy of the bodies), STEP_SUFFIX and NEXT_STEP. The tests on CPVM_* constants fold away. */

#define INSTRUCTION(name) case OP_##name:

/* An operand-specialised step has its operand as a constant (switch (OPARG) folds away); others read it
 * from the hole. */
#define OPARG                                                                                             \
    (PASTE(CPVM_OPARG_, STEP) >= 0 ? (uint32_t)PASTE(CPVM_OPARG_, STEP) : PATCH_VALUE(uint32_t, STEP_HOLE(OPARG)))

/* The local's byte offset from [locals] is a hole of its own, so that clang folds it into the addressing
 * mode: LOAD_FAST is `movq HOLE_LOCAL_OFFSET(%r14), %rax` (R_X86_64_32S), patched to `movq 0x20(%r14), %rax`
 * for local 2, with no multiply by 16 at run time. */
#define LOCAL() (*(Value *)((char *)locals + PATCH_VALUE(uintptr_t, STEP_HOLE(LOCAL_OFFSET))))

/* A hole whose value may be 0. clang knows that the address of a symbol is never null, and a 64-bit hole
 * is that address: in a sequence stencil, where the constant flows straight into the next body, it would
 * fold `b == 0.0` to false for HOLE_CONST_BITS, and then 1.3 / 0 gives inf instead of ZeroDivisionError
 * (a compiler-fuzzer finding). The empty asm hides where the value came from; it costs nothing, the
 * value is in a register already. (NAME and GLOBAL are real, non-null pointers; the 32-bit holes are
 * truncated addresses, about which clang assumes nothing.) */
static inline __attribute__((always_inline)) uint64_t maybe_zero(uint64_t value) {
    __asm__("" : "+r"(value));
    return value;
}

/* A constant of a known type keeps only its payload as a hole, so that IS_INT() or IS_FLOAT() on it folds. */
#define CONST()                                                                                           \
    ((Value){.type = PASTE(CPVM_CONST_TYPE_, STEP) ? (uint64_t)PASTE(CPVM_CONST_TYPE_, STEP)              \
                                                   : PATCH_VALUE(uint64_t, STEP_HOLE(CONST_TYPE)),        \
             .as.bits = maybe_zero(PATCH_VALUE(uint64_t, STEP_HOLE(CONST_BITS)))})
#define NAME() PATCH_VALUE(ObjString *, STEP_HOLE(NAME))
#define GLOBAL() PATCH_VALUE(Value *, STEP_HOLE(GLOBAL))

#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(int64_t)(n)])

/* The next instruction: inside a sequence, the next step's body, right below in this same function (so
 * clang optimises across the two: a value one step pushes and the next pops stays in registers); after
 * the last step, the next stencil's code. */
#define NEXT()                                                                                            \
    do {                                                                                                  \
        if (PASTE(CPVM_OPCODE_, NEXT_STEP) >= 0) goto PASTE(step_, NEXT_STEP);                           \
        __attribute__((musttail)) return HOLE_CONTINUE(vm, frame, locals, sp);                            \
    } while (0)
#define JUMP_TO_TARGET() __attribute__((musttail)) return STEP_HOLE(JUMP_TARGET)(vm, frame, locals, sp)
/* Back-edge counting is the interpreter's business: compiled code is already in the top tier. */
#define LOOP_BACK_EDGE() ((void)0)
/* The frame's pc only matters when an error leaves it: the traceback reads the line at pc - 1. */
#define RAISE()                                                 \
    do {                                                        \
        frame->pc = PATCH_VALUE(uint32_t, STEP_HOLE(PC_AFTER)); \
        return 0;                                               \
    } while (0)
#define PC_AFTER() PATCH_VALUE(uint32_t, STEP_HOLE(PC_AFTER))
#define RETURN_FROM_FRAME(v)                                    \
    do {                                                        \
        locals[-1] = (v);                                       \
        return 1;                                               \
    } while (0)

/* A compiled callee is entered directly (call_compiled); anything else goes through rt_call. */
#define CALL_FUNCTION(c, n)                                                                 \
    do {                                                                                    \
        Value *callee_ = (c);                                                               \
        if (IS_FUNCTION(*callee_) && AS_FUNCTION(*callee_)->code->jit != NULL &&            \
            !(AS_FUNCTION(*callee_)->code->flags & CODE_GENERATOR)) {                       \
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

/* Step k's hole suffix (HOLE_OPARG, HOLE_OPARG_1, ...) and the step after it. */
#define STEP_SUFFIX_0
#define STEP_SUFFIX_1 _1
#define STEP_SUFFIX_2 _2
#define STEP_SUFFIX_3 _3
#define NEXT_STEP_0 1
#define NEXT_STEP_1 2
#define NEXT_STEP_2 3
#define NEXT_STEP_3 4
#define CPVM_OPCODE_4 (-1) /* there is no step 4: the last step always continues to the next stencil */
#define STEP_SUFFIX PASTE(STEP_SUFFIX_, STEP)
#define NEXT_STEP PASTE(NEXT_STEP_, STEP)

/* The stencil: step 0's body, then (for a sequence) the bodies of steps 1 to 3 (stencils/step.h). */
STENCIL_ABI int cpvm_stencil(Vm *vm, Frame *frame, Value *locals, Value *sp) {
#define STEP 0
#include "step.h"
#undef STEP
#define STEP 1
#include "step.h"
#undef STEP
#define STEP 2
#include "step.h"
#undef STEP
#define STEP 3
#include "step.h"
#undef STEP
step_4: __attribute__((unused));
    __builtin_unreachable();
}
