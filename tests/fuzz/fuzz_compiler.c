/* fuzz_compiler.c: libFuzzer harness for the Python-subset compiler (lexer, parser, code generator).
 *
 * Every program the compiler accepts must be valid bytecode (the compiler runs verify.c), survive the
 * round trips of fuzz_run.c, and give the same output and error in both tiers (fuzz_run_input).
 */
#include "objects/object.h"
#include "compiler/compiler.h"
#include "fuzz_run.h"

static Program *load_python(Vm *vm, const uint8_t *data, size_t size, char *error, size_t error_size) {
    Program *program = compiler_compile(vm, (const char *)data, size, FUZZ_FILENAME, error, error_size);
    if (program != NULL && vm->jit_mode == JIT_OFF) fuzz_check_round_trips(vm, program);
    return program;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_run_input(load_python, data, size); }
