/* generators.c: running generators: the call that makes one, resuming its frame in either tier, yield,
 * yield from (SEND), throw() and close().
 *
 * CPython 3.11 keeps a generator's frame inside the generator object. cpvm's frames live on the VM value
 * stack, so a generator keeps a copy instead (objects/generator.h): resuming copies its locals and
 * operand stack onto the stack above everything in use (where a call from C would put its arguments),
 * pushes a frame that returns to C, and runs it from the saved offset, in compiled code when the
 * function has some (jit.c makes the instruction after every YIELD_VALUE an entry point), else in the
 * interpreter. YIELD_VALUE (rt_yield) copies the state back and leaves the frame as a return would; the
 * state is GEN_SUSPENDED afterwards, so the resumer can tell a yield from a return.
 *
 * A frame on the VM stack counts against the recursion limit like a call, and resuming nests on the C
 * stack, so a recursion of generators ends in RecursionError like any other.
 */
#include <string.h>

#include "interp/interp.h"
#include "jit/jit.h"
#include "bytecode/opcodes.h"
#include "bytecode/walk.h"
#include "core/vm.h"
#include "objects/object.h"
#include "ops/runtime.h"

bool rt_make_generator(Vm *vm, Value *callee, int argc) {
    /* Bind the arguments as a call would (defaults, CPython's errors), then keep the locals. */
    Frame *frame = argc >= 0 ? rt_push_frame(vm, callee, argc) : rt_push_bound_frame(vm, callee); /* < 0: bound */
    if (frame == NULL) return false;
    ObjGenerator *gen = generator_new(vm, AS_FUNCTION(*callee), frame->locals);
    vm->exec.frame_count--;
    if (gen == NULL) return false;
    *callee = obj_value(&gen->obj);
    return true;
}

bool rt_yield(Vm *vm, Frame *frame, Value *sp, uint32_t delegating, uint32_t pc_after) {
    /* The verifier admits YIELD_VALUE only in a generator's code, and only run_generator runs one, with
     * the generator in the callee slot; checked anyway, as a crafted file could mark the module body. */
    Value owner = frame->locals[-1];
    ObjCode *code = frame->code;
    if (!IS_GENERATOR(owner) || AS_GENERATOR(owner)->code != code || AS_GENERATOR(owner)->state != GEN_RUNNING) {
        return vm_raise(vm, EXC_SYSTEM_ERROR, "yield outside a generator's frame");
    }
    ObjGenerator *gen = AS_GENERATOR(owner);
    uint32_t depth = (uint32_t)(sp - (frame->locals + code->nlocals));
    if (delegating && depth == 0) return vm_raise(vm, EXC_SYSTEM_ERROR, "yield from without a delegate on the stack");
    memcpy(gen->saved, frame->locals, sizeof(Value) * ((size_t)code->nlocals + depth));
    gen->depth = depth;
    gen->pc = pc_after;
    gen->delegating = delegating != 0;
    gen->state = GEN_SUSPENDED;
    return true;
}

/* --- Running the frame ---------------------------------------------------------------------------- */

/* Pushes [gen]'s frame above every slot in use, its locals and stack copied back; *sp is the stack top.
 * NULL with RecursionError when the frames, the VM stack or the C stack are used up. */
static Frame *push_generator_frame(Vm *vm, ObjGenerator *gen, Value **sp) {
    ObjCode *code = gen->code;
    Value *base = rt_c_call_base(vm);
    if (vm->exec.frame_count >= vm->exec.frame_capacity || vm_c_stack_exhausted(vm) ||
        vm->exec.stack_end - base < (ptrdiff_t)(1 + (size_t)code->nlocals + code->max_stack)) {
        vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded");
        return NULL;
    }
    base[0] = obj_value(&gen->obj); /* the callee slot: rt_yield finds the generator here */
    Value *locals = base + 1;
    memcpy(locals, gen->saved, sizeof(Value) * ((size_t)code->nlocals + gen->depth));
    Value *top = locals + code->nlocals + code->max_stack;
    if (top > vm->exec.stack_high) vm->exec.stack_high = top;
    /* As frame_enter, but the locals are the saved ones, not cleared. */
    Frame *frame = &vm->exec.frames[vm->exec.frame_count++];
    frame->code = code;
    frame->locals = locals;
    frame->pc = gen->pc;
    frame->c_entry = true;
    *sp = locals + code->nlocals + gen->depth;
    return frame;
}

/* Runs [frame] from [pc] with its stack up to [sp], in the tier its code is in. True when the frame
 * returned or yielded (the value in its callee slot). */
static bool run_frame(Vm *vm, Frame *frame, Value *sp, uint32_t pc) {
    frame->pc = pc;
    if (jit_can_enter_at(frame->code, pc)) return jit_execute(vm, frame, sp, pc) || rt_jit_handle_error(vm, frame);
    return interp_resume(vm, frame, sp);
}

/* PEP 479: a StopIteration leaving a generator's frame would end the loop consuming it without a word,
 * so it becomes RuntimeError, caused by it. */
static void stop_iteration_to_runtime_error(Vm *vm) {
    if (vm->exc != EXC_STOP_ITERATION) return;
    ObjException *stop = exception_current(vm);
    vm_push_root(vm, obj_value(&stop->obj));
    vm_clear_error(vm);
    vm_raise(vm, EXC_RUNTIME_ERROR, "generator raised StopIteration");
    ObjException *error = exception_current(vm);
    vm_pop_root(vm);
    if (error == vm->memory_error) return;
    error->cause = error->context = obj_value(&stop->obj);
    error->suppress_context = true;
}

/* Runs [gen]'s frame from where it stopped: with [arg] pushed as the value of its yield ([push]), with
 * the VM's current error raised at the yield ([throwing]), or neither (it goes on at gen->pc as saved).
 * 1: it yielded *result; 0: it returned *result; -1: an error left it. */
static int run_generator(Vm *vm, ObjGenerator *gen, bool throwing, bool push, Value arg, Value *result) {
    Value *sp;
    vm_push_root(vm, arg);
    Frame *frame = push_generator_frame(vm, gen, &sp);
    vm_pop_root(vm);
    if (frame == NULL) return -1;
    rt_count_call(vm, gen->code);
    /* The exception being handled: the generator's own while it runs inside its handler, else the
     * caller's (sys.exc_info() in a generator sees the caller's, as CPython's chained exc_state). */
    gen->caller_exc_info = vm->exc_info; /* kept there: while the generator runs, nothing else may hold it */
    if (!IS_NONE(gen->exc_info)) vm->exc_info = gen->exc_info;
    gen->state = GEN_RUNNING;
    bool ok;
    if (throwing) {
        /* Raised by the YIELD_VALUE (frame->pc is past it): its line in the traceback, its handler. The
         * stack is as the yield left it, its result slot included, as the verifier checked handlers. */
        *sp++ = none_value();
        frame->pc = gen->pc;
        /* Thrown into a generator stopped inside its own handler, the exception gets the one being handled
         * there as its __context__ (CPython chains with the generator's own exception state only). */
        ObjException *thrown = exception_current(vm);
        if (thrown != NULL && !IS_NONE(gen->exc_info)) exception_chain_context(vm, thrown);
        uint32_t handler;
        ok = rt_unwind_to_handler(vm, frame, &handler, &sp) && run_frame(vm, frame, sp, handler);
    } else {
        if (push) *sp++ = arg;
        ok = run_frame(vm, frame, sp, gen->pc);
    }
    Value value = frame->locals[-1];
    vm->exec.frame_count--;
    bool yielded = ok && gen->state == GEN_SUSPENDED;
    Value caller_exc_info = gen->caller_exc_info;
    gen->caller_exc_info = none_value();
    if (yielded) {
        gen->exc_info = value_is(vm->exc_info, caller_exc_info) ? none_value() : vm->exc_info;
    } else {
        gen->state = GEN_FINISHED;
        gen->depth = 0;
        gen->delegating = false;
        gen->exc_info = none_value();
    }
    vm->exc_info = caller_exc_info;
    if (!ok) {
        stop_iteration_to_runtime_error(vm);
        return -1;
    }
    *result = value;
    return yielded ? 1 : 0;
}

/* --- send, throw, close -------------------------------------------------------------------------- */

static int gen_send(Vm *vm, ObjGenerator *gen, Value arg, Value *result) {
    if (gen->state == GEN_FINISHED) {
        *result = none_value();
        return 0;
    }
    if (gen->state == GEN_CREATED && !IS_NONE(arg)) {
        vm_raise(vm, EXC_TYPE_ERROR, "can't send non-None value to a just-started generator");
        return -1;
    }
    return run_generator(vm, gen, false, gen->state != GEN_CREATED, arg, result);
}

/* The delegate of a generator stopped in a yield from: the value under the yielded one. */
static Value delegate_of(const ObjGenerator *gen) { return gen->saved[gen->code->nlocals + gen->depth - 1]; }

/* The delegate of [gen]'s yield from returned [value] while a throw() was passed to it: the yield from
 * is over. As CPython's gen_throw, the frame is moved past the SEND loop (YIELD_VALUE 1, JUMP_BACKWARD
 * to a SEND whose target is the loop's exit), with the delegate replaced by the value, which is the
 * stack SEND leaves at its exit (the verifier checked the depths on that path). */
static bool finish_yield_from(Vm *vm, ObjGenerator *gen, Value value) {
    const ObjCode *code = gen->code;
    uint32_t pc = gen->pc;
    if (pc + 5 <= code->code_length && code->code[pc] == OP_JUMP_BACKWARD) {
        uint32_t send = bytecode_oparg(code->code + pc);
        if (code->code[send] == OP_SEND) {
            gen->saved[code->nlocals + gen->depth - 1] = value;
            gen->pc = bytecode_oparg(code->code + send);
            return true;
        }
    }
    return vm_raise(vm, EXC_SYSTEM_ERROR, "yield from in %s is not a SEND loop", code->name->chars);
}

static int gen_close(Vm *vm, ObjGenerator *gen);

/* The VM's current error, raised where [gen] stopped; in a yield from, in its delegate first. */
static int gen_throw(Vm *vm, ObjGenerator *gen, Value *result) {
    if (gen->state != GEN_SUSPENDED) {
        gen->state = GEN_FINISHED; /* a generator not started (or finished) just passes the error on */
        return -1;
    }
    if (gen->delegating && IS_GENERATOR(delegate_of(gen))) {
        ObjGenerator *sub = AS_GENERATOR(delegate_of(gen));
        int status;
        gen->state = GEN_RUNNING; /* the delegate runs on behalf of this generator */
        if (vm->exc == EXC_GENERATOR_EXIT) {
            /* throw(GeneratorExit) closes the delegate, then raises here (its own error, if closing failed). */
            ObjException *exc = exception_current(vm);
            vm_push_root(vm, obj_value(&exc->obj));
            vm_clear_error(vm);
            status = sub->state == GEN_RUNNING ? (vm_raise(vm, EXC_VALUE_ERROR, "generator already executing"), -1)
                                               : gen_close(vm, sub);
            if (status >= 0) exception_set_current(vm, exc);
            vm_pop_root(vm);
            gen->state = GEN_SUSPENDED;
            return run_generator(vm, gen, true, false, none_value(), result);
        }
        status = rt_resume_generator(vm, sub, GEN_ACTION_THROW, none_value(), result);
        gen->state = GEN_SUSPENDED;
        if (status == 1) return 1; /* the delegate yielded: so does this one, still in its yield from */
        if (status < 0) return run_generator(vm, gen, true, false, none_value(), result);
        if (!finish_yield_from(vm, gen, *result)) return -1;
        return run_generator(vm, gen, false, false, none_value(), result);
    }
    return run_generator(vm, gen, true, false, none_value(), result);
}

/* close(): GeneratorExit where it stopped (its delegate closed first); 0, or -1 with an error. */
static int gen_close(Vm *vm, ObjGenerator *gen) {
    if (gen->state != GEN_SUSPENDED) {
        gen->state = GEN_FINISHED;
        return 0;
    }
    int status = 0;
    if (gen->delegating && IS_GENERATOR(delegate_of(gen))) {
        ObjGenerator *sub = AS_GENERATOR(delegate_of(gen));
        gen->state = GEN_RUNNING;
        Value ignored;
        status = rt_resume_generator(vm, sub, GEN_ACTION_CLOSE, none_value(), &ignored);
        gen->state = GEN_SUSPENDED;
    }
    if (status >= 0) vm_raise(vm, EXC_GENERATOR_EXIT, "%s", ""); /* else the delegate's error is raised here */
    Value value;
    status = run_generator(vm, gen, true, false, none_value(), &value);
    if (status > 0) {
        vm_raise(vm, EXC_RUNTIME_ERROR, "generator ignored GeneratorExit");
        return -1;
    }
    if (status == 0) return 0;
    if (vm->exc == EXC_GENERATOR_EXIT || vm->exc == EXC_STOP_ITERATION) {
        vm_clear_error(vm);
        return 0;
    }
    return -1;
}

int rt_resume_generator(Vm *vm, ObjGenerator *gen, int action, Value arg, Value *result) {
    if (gen->state == GEN_RUNNING) {
        vm_clear_error(vm); /* a throw() into a running generator reports that, not what it throws */
        vm_raise(vm, EXC_VALUE_ERROR, "generator already executing");
        return -1;
    }
    switch ((GenAction)action) {
    case GEN_ACTION_SEND: return gen_send(vm, gen, arg, result);
    case GEN_ACTION_THROW: return gen_throw(vm, gen, result);
    case GEN_ACTION_CLOSE: return gen_close(vm, gen);
    }
    return vm_raise(vm, EXC_SYSTEM_ERROR, "unknown generator action %d", action) ? 0 : -1;
}

/* --- yield from ------------------------------------------------------------------------------------ */

int rt_send(Vm *vm, Value it, Value v, Value *result) {
    if (IS_GENERATOR(it)) return rt_resume_generator(vm, AS_GENERATOR(it), GEN_ACTION_SEND, v, result);
    if (!IS_NONE(v)) {
        vm_raise(vm, EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute 'send'", value_type_name(it));
        return -1;
    }
    int status = rt_for_iter(vm, it, result);
    if (status == 0) *result = none_value(); /* an exhausted iterator: the yield from's value is None */
    return status;
}
