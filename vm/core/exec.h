/* exec.h: the execution state, the part of a VM that instruction bodies touch.
 *
 * A running program needs two kinds of state. The value stack and its frames change on every call and
 * return, and the instruction bodies (bytecode/instructions.h) read and write them in both tiers. The
 * rest (the heap, globals, builtins, the JIT's arena, error text, options) changes rarely and only slow
 * paths in C touch it. Lua splits the same way (lua_State for a thread's stack, global_State for the
 * rest). cpvm keeps the first part here, as VmExec, the first member of every Vm:
 *
 *   - The stencils (stencils/template.c) include this header and not core/vm.h, so adding or changing a
 *     field of the rest of the Vm recompiles no stencil (tests/layout/check_layers.py keeps it so).
 *   - A body reaches the state through vm_exec(vm): the Vm is opaque to it.
 */
#ifndef cpvm_exec_h
#define cpvm_exec_h

#include <signal.h>

#include "core/value.h"

typedef struct Vm Vm;
typedef struct ObjCode ObjCode;

/* One activation of a function. Its values live on the VM stack:
 *
 *     locals[-1]             the callee slot: the function being called; receives the return value
 *     locals[0 .. nlocals)   parameters, then other locals (VAL_UNDEF until assigned)
 *     above that             the operand stack, at most code->max_stack deep
 */
typedef struct Frame {
    ObjCode *code;
    Value *locals;
    uint32_t pc;  /* byte offset just past the current instruction; exact whenever the frame is not running */
    bool c_entry; /* returning from this frame returns from the C call that started it */
} Frame;

typedef struct VmExec {
    /* The value stack (CPVM_STACK_VALUES slots) and the frames on it. */
    Value *stack;
    Value *stack_end;
    Value *stack_high; /* highest slot any frame has reached; gc.c clears dead slots up to here */
    Frame *frames;
    int frame_count;
    int frame_capacity; /* recursion_limit + 1: the module frame does not count */
    /* The lowest C stack address a recursive C path (a call through C, ==, <, repr) may reach before it
     * raises RecursionError: the running thread's real stack bottom (its rlimit, environment and
     * arguments taken into account) plus a reserve for the deepest C code between two checks. vm_run
     * sets it; NULL means "not running", and then no check fires. See vm_c_stack_exhausted. */
    char *c_stack_limit;
    /* Set asynchronously (1: SIGINT, 2: --timeout), or by the collector (CPVM_INTERRUPT_FINALIZE: objects
     * wait for their finalizers); checked at loop back-edges and calls. */
    volatile sig_atomic_t interrupt;
} VmExec;

/* vm_exec(vm)->interrupt when nothing but finalizers wait: the next loop back-edge runs them
 * (core/gc.h's gc_run_finalizers); Ctrl-C and --timeout overwrite it, and win. */
#define CPVM_INTERRUPT_FINALIZE 3

/* The execution state of [vm]: its first member (core/vm.h checks that with a static assertion). */
static inline VmExec *vm_exec(Vm *vm) { return (VmExec *)(void *)vm; }

/* True when the C stack is nearly used up: a recursive C path must raise RecursionError instead of going
 * deeper. Inlined, so the address it compares is the caller's own frame. */
__attribute__((always_inline)) static inline bool vm_c_stack_exhausted(Vm *vm) {
    return (char *)__builtin_frame_address(0) < vm_exec(vm)->c_stack_limit;
}

#endif
