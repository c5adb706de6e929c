/* jit.h: the copy-and-patch JIT's run-time half: compile a function by copying and patching stencils.
 *
 * The stencils (machine code with holes) come from the header that tools/build_stencils.py generates at
 * build time from stencils/template.c. jit.c copies them into memory from jit_memory.c and patches the
 * holes; interp.c and calls.c decide when to compile (tiering) and enter the code.
 */
#ifndef cpvm_jit_h
#define cpvm_jit_h

#include "core/vm.h"
#include "jit/jit_code.h"


/* True when this build has stencils for the machine it runs on. */
bool jit_available(void);
/* Creates and frees the per-VM JIT state (code arena, statistics). */
bool jit_init(Vm *vm);
void jit_fini(Vm *vm);
/* Compiles [code]; on success code->jit is set. Returns false (and leaves code->jit NULL) when the JIT
 * cannot compile it (memory refused); the caller keeps interpreting. Never raises a Python error. */
bool jit_compile(Vm *vm, ObjCode *code);
/* Runs compiled [frame] from the instruction at byte [pc] (0, or a loop header for OSR) with operand stack
 * top [sp]. Returns true when the frame returned (result in frame->locals[-1]); false on error, with
 * frame->pc set for the traceback. */
bool jit_execute(Vm *vm, Frame *frame, Value *sp, uint32_t pc);
/* True when [pc] of compiled [code] is a place JIT code can be entered (a jump target). */
bool jit_can_enter_at(const ObjCode *code, uint32_t pc);
/* Frees the machine code of [code] (the GC calls it when a code object dies). */
void jit_free_code(Vm *vm, ObjCode *code);
/* --stats: prints the JIT's counters to [out]. */
void jit_print_stats(Vm *vm, FILE *out);

/* --- Seeing inside: hooks for jit_inspect.c (cpvm explain) and jit_debug.c (tracing, perf, gdb) ------ */

/* One stencil as jit_compile_observed copied and patched it: one instruction, or a sequence of [steps]. */
typedef struct {
    uint32_t pc;              /* bytecode offset of the (first) instruction */
    uint32_t steps;           /* instructions the stencil runs: 1, or more for a sequence stencil */
    uint32_t stencil;         /* the stencil: an index into jit_stencils.h's stencil_groups */
    unsigned char *code;      /* where its hot code, cold code and data landed (the block is still writable) */
    unsigned char *cold;
    unsigned char *data;
    uint32_t code_size, cold_size, data_size; /* bytes of each */
    const uintptr_t *patches; /* what each HoleValue (jit_stencils.h) was, HV_COUNT_ entries (step k's at
                               * HV_X + k * HV_PER_STEP); valid during the
                               * call only */
} JitEmitted;
typedef void JitEmitHook(void *context, const JitEmitted *emitted);
/* jit_compile, calling [hook] with [context] after each instruction is emitted. */
bool jit_compile_observed(Vm *vm, ObjCode *code, JitEmitHook *hook, void *context);
/* The entry shim's code in JIT memory (perf and gdb name it too); false when there is no JIT. */
bool jit_shim_code(const Vm *vm, const unsigned char **code, size_t *size);

#endif
