/* jit_debug.h: watching compiled code from outside: --trace-jit, --perf-map, --perf-jitdump, --gdb-jit.
 *
 * main.c starts it for a run (jit_debug_start sets vm->jit_debug) and stops it before vm_free; jit.c
 * reports each event while vm->jit_debug is set. jit_inspect.c supplies the stack depth through each
 * stencil, from which the gdb symbol files get their unwind rules.
 */
#ifndef cpvm_jit_debug_h
#define cpvm_jit_debug_h

#include "jit/jit.h"

enum {
    JIT_DEBUG_TRACE = 1 << 0,   /* --trace-jit: one line per JIT event on stderr */
    JIT_DEBUG_PERF_MAP = 1 << 1, /* --perf-map: /tmp/perf-PID.map, read by perf report */
    JIT_DEBUG_JITDUMP = 1 << 2, /* --perf-jitdump: /tmp/jit-PID.dump ($JITDUMPDIR if set), for perf inject --jit */
    JIT_DEBUG_GDB = 1 << 3,     /* --gdb-jit: symbol files through the GDB JIT interface */
};

/* Turns on the [flags] for [vm] (which must have its JIT started). Returns false, with a message in
 * [error], when a file cannot be created; nothing is on then. */
bool jit_debug_start(Vm *vm, unsigned flags, char *error, size_t error_size);
/* Finishes the files, unregisters every symbol file from gdb, frees everything; vm->jit_debug is NULL. */
void jit_debug_stop(Vm *vm);

/* Events, called by jit.c when vm->jit_debug is set. */
/* A JitEmitHook: where each instruction of the function being compiled landed ([debug] is vm->jit_debug). */
void jit_debug_emitted(void *debug, const JitEmitted *emitted);
void jit_debug_compiled(Vm *vm, const ObjCode *code, uint32_t instructions, uint64_t ns);
void jit_debug_compile_failed(Vm *vm, const ObjCode *code);
/* jit_execute enters [frame] at byte [pc] (an OSR entry when the interpreter has been running it). */
void jit_debug_enter(Vm *vm, const Frame *frame, uint32_t pc);
/* ... and control goes back to C: the frame returned, or an error left it (frame->pc says where). */
void jit_debug_leave(Vm *vm, const Frame *frame, bool returned);
/* The machine code of [code] is about to be freed. */
void jit_debug_freed(Vm *vm, const ObjCode *code);

#endif
