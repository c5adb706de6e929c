/* fuzz_run.h: what the three fuzz harnesses share: load an input into a fresh VM per tier, run it under a
 * time budget, and check that the interpreter and the JIT agree.
 *
 * fuzz_bytecode.c, fuzz_asm.c and fuzz_compiler.c each supply a loader; fuzz_run.c does the rest. The
 * invariant checked for every input: no crash, no sanitizer report, and (when both tiers ran to the end)
 * the same output, the same exception and the same traceback in --jit=off and --jit=always.
 */
#ifndef cpvm_fuzz_run_h
#define cpvm_fuzz_run_h

#include <stddef.h>
#include <stdint.h>

#include "core/vm.h"

/* Turns [data] into a Program of [vm], or NULL (the input is rejected: not a bug, just uninteresting). */
typedef Program *(*FuzzLoader)(Vm *vm, const uint8_t *data, size_t size, char *error, size_t error_size);

/* Loads [data] with [load] and, if accepted, runs it in every tier. Aborts (a finding for libFuzzer) when
 * the tiers disagree. Returns 0 as LLVMFuzzerTestOneInput must. */
int fuzz_run_input(FuzzLoader load, const uint8_t *data, size_t size);

/* Checks the round trips every Program must survive, aborting on a difference: bytecode_write then
 * bytecode_read gives the same bytes again, and disasm_program then asm_assemble gives the same bytecode. */
void fuzz_check_round_trips(Vm *vm, const Program *program);

/* The name inputs are loaded under: it cannot name a file, so tracebacks never read source lines. */
#define FUZZ_FILENAME "<fuzz>"

#endif
