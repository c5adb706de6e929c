/* interp.c: the interpreter: one dispatch loop over the bodies in instructions.h.
 *
 * This file defines the bodies' vocabulary for the interpreter (the JIT's is in stencils/template.c) and
 * the machinery around it: dispatch, calls into interpreted functions without C recursion, returns, the
 * error path that unwinds frames, and tiering (counting calls and loop back-edges, then compiling and
 * entering JIT code at a loop header: on-stack replacement, OSR).
 * It trusts the verifier: operands are in range and the operand stack stays within max_stack.
 */

#include "interp/interp.h"
#include "jit/jit.h"
#include "bytecode/opcodes.h"
#include "core/vm.h"
#include "objects/object.h"
#include "bytecode/walk.h"
#include "ops/runtime.h"

#if CPVM_DEBUG_TRACE
#include "bytecode/asm.h"
#endif

/* Size of each instruction as a compile-time constant, so `ip += SIZE_X` is an immediate add. */
enum {
#define CPVM_OP_SIZE(name, kind, pn, pk, un, uk, flags) SIZE_##name = (kind) == OPK_NONE ? 1 : 5,
    CPVM_OPCODES(CPVM_OP_SIZE)
#undef CPVM_OP_SIZE
};

/* Enters JIT code at loop header [target] of the running [frame] (OSR). Returns -1 when it could not,
 * 1 when the frame returned inside JIT code, 0 when an error left it (frame->pc set by the JIT). */
static int try_osr(Vm *vm, Frame *frame, ObjCode *code, Value *sp, uint32_t target) {
    if (code->jit == NULL) jit_compile(vm, code);
    if (code->jit == NULL || !jit_can_enter_at(code, target)) return -1;
    return jit_execute(vm, frame, sp, target) || rt_jit_handle_error(vm, frame) ? 1 : 0;
}

bool interp_run(Vm *vm, Frame *frame) { return interp_resume(vm, frame, frame->locals + frame->code->nlocals); }

bool interp_resume(Vm *vm, Frame *frame, Value *sp) {
    ObjCode *code_obj; /* the running function's code, and copies of its hot fields */
    uint8_t *code;
    Value *consts;
    uint8_t *ip; /* the next instruction to run */
    Value *locals;
    uint32_t oparg = 0;

/* Load the running frame's state into locals (registers). */
#define LOAD_FRAME()                                                                                          \
    do {                                                                                                      \
        code_obj = frame->code;                                                                               \
        code = code_obj->code;                                                                                \
        consts = code_obj->consts;                                                                            \
        ip = code + frame->pc;                                                                                \
        locals = frame->locals;                                                                               \
    } while (0)

/* --- The vocabulary of instructions.h, interpreter edition --- */
#define OPARG oparg
#define LOCAL() (locals[oparg])
#define CONST() (consts[oparg])
#define NAME() (code_obj->names[oparg])
#define GLOBAL() (&vm->global_values[code_obj->global_slots[oparg]])
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-(int64_t)(n)])
#define JUMP_TO_TARGET()                                                                                      \
    do {                                                                                                      \
        ip = code + oparg;                                                                                    \
        DISPATCH();                                                                                           \
    } while (0)
#define NEXT() DISPATCH()
#define PC_AFTER() ((uint32_t)(ip - code))
#define RAISE()                                                                                               \
    do {                                                                                                      \
        frame->pc = (uint32_t)(ip - code);                                                                    \
        goto error;                                                                                           \
    } while (0)
#define RETURN_FROM_FRAME(v)                                                                                  \
    do {                                                                                                      \
        locals[-1] = (v);                                                                                     \
        goto frame_returned;                                                                                  \
    } while (0)
/* A loop back-edge: count it; when the function is hot, compile it and continue in JIT code (OSR). */
#define LOOP_BACK_EDGE()                                                                                      \
    do {                                                                                                      \
        if (vm->jit_mode != JIT_OFF && ++code_obj->hotness >= vm->jit_threshold) {                            \
            frame->pc = (uint32_t)(ip - code);                                                                \
            int osr = try_osr(vm, frame, code_obj, sp, oparg);                                                \
            if (osr == 1) goto frame_returned;                                                                \
            if (osr == 0) goto frame_failed;                                                                     \
        }                                                                                                     \
    } while (0)
/* An interpreted callee runs in this same loop: push its frame and switch to it. Anything else (a
 * builtin, compiled code) is called through rt_call. */
#define CALL_FUNCTION(c, n)                                                                                   \
    do {                                                                                                      \
        Value *callee_ = (c);                                                                                 \
        int argc_ = (int)(n);                                                                                 \
        frame->pc = (uint32_t)(ip - code);                                                                    \
        if (IS_FUNCTION(*callee_)) {                                                                          \
            ObjCode *callee_code_ = AS_FUNCTION(*callee_)->code;                                              \
            if (vm->jit_mode != JIT_OFF) rt_count_call(vm, callee_code_);                                     \
            if (callee_code_->jit == NULL && !(callee_code_->flags & CODE_GENERATOR)) {                       \
                Frame *new_frame_ = push_frame(vm, callee_, argc_);                                           \
                if (new_frame_ == NULL) RAISE();                                                              \
                frame = new_frame_;                                                                           \
                LOAD_FRAME();                                                                                 \
                sp = locals + code_obj->nlocals;                                                              \
                DISPATCH();                                                                                   \
            }                                                                                                 \
        }                                                                                                     \
        if (!rt_call(vm, callee_, argc_, NULL)) RAISE();                                                      \
        sp = callee_ + 1;                                                                                     \
        NEXT();                                                                                               \
    } while (0)

#if CPVM_DEBUG_TRACE
#define TRACE()                                                                                               \
    do {                                                                                                      \
        fprintf(stderr, "%*s[", 4, "");                                                                       \
        for (Value *slot = locals + code_obj->nlocals; slot < sp; slot++) {                                   \
            fprintf(stderr, " %s", value_type_name(*slot));                                                   \
        }                                                                                                     \
        fprintf(stderr, " ]\n%s:%u ", code_obj->name->chars, (uint32_t)(ip - code));                         \
        disasm_instruction(code_obj, (uint32_t)(ip - code), stderr);                                          \
    } while (0)
#else
#define TRACE() ((void)0)
#endif

#if CPVM_COMPUTED_GOTO
    /* Each instruction ends with its own indirect jump, so the branch predictor learns per-instruction
     * successors instead of sharing one switch jump. */
    static void *const dispatch_table[OP_COUNT_] = {
#define CPVM_OP_LABEL(name, kind, pn, pk, un, uk, flags) &&TARGET_##name,
        CPVM_OPCODES(CPVM_OP_LABEL)
#undef CPVM_OP_LABEL
    };
#define DISPATCH()                                                                                            \
    do {                                                                                                      \
        TRACE();                                                                                              \
        oparg = bytecode_oparg(ip);                                                                           \
        goto *dispatch_table[*ip];                                                                            \
    } while (0)
#define INSTRUCTION(name) TARGET_##name : ip += SIZE_##name;
#else
#define DISPATCH()                                                                                            \
    do {                                                                                                      \
        TRACE();                                                                                              \
        oparg = bytecode_oparg(ip);                                                                           \
        goto dispatch;                                                                                        \
    } while (0)
#define INSTRUCTION(name)                                                                                     \
    case OP_##name:                                                                                           \
        ip += SIZE_##name;
#endif

    LOAD_FRAME();
    DISPATCH();

#if CPVM_COMPUTED_GOTO
#include "bytecode/instructions.h"
#else
dispatch:
    switch ((Opcode)*ip) {
#include "bytecode/instructions.h"
    default: __builtin_unreachable(); /* the verifier admits only known opcodes */
    }
#endif

frame_returned:
    /* The result is in locals[-1], the caller's callee slot. */
    if (frame->c_entry) return true;
    sp = frame->locals;
    vm->exec.frame_count--;
    frame = &vm->exec.frames[vm->exec.frame_count - 1];
    LOAD_FRAME();
    DISPATCH();

error:
    /* frame->pc is past the failing instruction. Record a traceback line; go to the handler that covers
     * the instruction (the exception is then on the stack), or leave the frame: the frames this loop
     * entered itself (not c_entry) are then in the same position, each at the call it was making. */
    {
        uint32_t handler;
        if (rt_unwind_to_handler(vm, frame, &handler, &sp)) {
            ip = code + handler;
            DISPATCH();
        }
    }
frame_failed:
    if (frame->c_entry) return false;
    vm->exec.frame_count--;
    frame = &vm->exec.frames[vm->exec.frame_count - 1];
    LOAD_FRAME();
    goto error;

#undef LOAD_FRAME
#undef OPARG
#undef LOCAL
#undef CONST
#undef NAME
#undef GLOBAL
#undef PUSH
#undef POP
#undef TOP
#undef PEEK
#undef JUMP_TO_TARGET
#undef NEXT
#undef PC_AFTER
#undef RAISE
#undef RETURN_FROM_FRAME
#undef LOOP_BACK_EDGE
#undef CALL_FUNCTION
#undef DISPATCH
#undef INSTRUCTION
#undef TRACE
}
