/* cpvm.h: the embedding API: create a VM, link a program into it, run it, free it.
 *
 *     VmOptions options;
 *     vm_options_default(&options);
 *     Vm *vm = vm_new(&options);                        // builtins installed, the JIT started if asked
 *     Program *program = compile_file(vm, "prog.py");   // or bytecode_read, asm_assemble
 *     if (!vm_link(vm, program) || !vm_run(vm)) vm_print_error(vm, stderr);
 *     vm_free(vm);
 *
 * This is the top of the library: the one layer that knows all the others (vm/README.md).
 */
#ifndef cpvm_api_h
#define cpvm_api_h

#include "core/vm.h"

typedef struct {
    JitMode jit_mode;
    uint32_t jit_threshold;
    int recursion_limit;
    size_t max_memory;
    FILE *out;
} VmOptions;

void vm_options_default(VmOptions *options);
/* A new VM, or NULL when memory for the stack cannot be had. */
Vm *vm_new(const VmOptions *options);
void vm_free(Vm *vm);

/* Gives every name of [program]'s functions a global slot and makes [program] the running program
 * (and so a GC root). Returns false with MemoryError set if memory runs out. */
bool vm_link(Vm *vm, Program *program);
/* Runs the module body of the linked program. Returns false after an uncaught error (see vm_print_error). */
bool vm_run(Vm *vm);
/* The end of a run (after vm_run and the printing of its error): closes the generators the program left
 * suspended in a try or with block, as CPython does at shutdown, unless --timeout stopped it. False
 * when Ctrl-C or --timeout stopped a finalizer (that error set); others print as CPython's "Exception
 * ignored in:" and are dropped. */
bool vm_finish(Vm *vm);
/* Prints "Exception ignored in: <obj>" and the current error, then clears it (vm->print_unraisable). */
void vm_print_unraisable(Vm *vm, Obj *obj);
/* Sets sys.argv. */
bool vm_set_argv(Vm *vm, int argc, char **argv);

#endif
