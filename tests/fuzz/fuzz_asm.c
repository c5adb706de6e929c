/* fuzz_asm.c: libFuzzer harness for the assembler (text to Program) and, through it, the verifier.
 *
 * Whatever asm_assemble accepts has passed verify.c, so it must survive the round trips of fuzz_run.c
 * (bytecode and listing) and run in both tiers without a crash or a sanitizer report.
 */
#include "objects/object.h"
#include "bytecode/asm.h"
#include "fuzz_run.h"

static Program *load_asm(Vm *vm, const uint8_t *data, size_t size, char *error, size_t error_size) {
    Program *program = asm_assemble(vm, (const char *)data, size, FUZZ_FILENAME, error, error_size);
    if (program != NULL && vm->jit_mode == JIT_OFF) fuzz_check_round_trips(vm, program);
    return program;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_run_input(load_asm, data, size); }
