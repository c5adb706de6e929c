/* fuzz_bytecode.c: libFuzzer harness for the bytecode loader and verifier, and for what they accept.
 *
 * bytecode.h promises that a Program out of bytecode_read is safe to run and that its encoding is
 * canonical. So every accepted input must write back to the identical bytes, survive the round trips of
 * fuzz_run.c, and run in both tiers (fuzz_run_input) without a crash or a sanitizer report.
 */
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "bytecode/bytecode.h"
#include "fuzz_run.h"

static Program *load_bytecode(Vm *vm, const uint8_t *data, size_t size, char *error, size_t error_size) {
    Program *program = bytecode_read(vm, data, size, FUZZ_FILENAME, error, error_size);
    if (program == NULL) return NULL;
    size_t written_size;
    uint8_t *written = bytecode_write(program, &written_size);
    if (written != NULL && (written_size != size || memcmp(written, data, size) != 0)) {
        fprintf(stderr, "fuzz: bytecode_read accepted a file that bytecode_write does not reproduce\n");
        abort();
    }
    free(written);
    if (vm->jit_mode == JIT_OFF) fuzz_check_round_trips(vm, program); /* once per input is enough */
    return program;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_run_input(load_bytecode, data, size); }
