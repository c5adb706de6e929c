/* asm.h: the textual assembly (.cpasm) and its disassembler.
 *
 * asm.c turns text into a Program (then verify.c checks it); disasm.c prints a Program as text that
 * assembles back to the identical bytecode. The syntax is documented at the top of asm.c and in README.md.
 */
#ifndef cpvm_asm_h
#define cpvm_asm_h

#include <stdio.h>

#include "core/vm.h"

/* Assembles [source] ([length] bytes). On failure returns NULL and writes
 * "FILE:LINE:COL: error: message" to [error]. */
Program *asm_assemble(Vm *vm, const char *source, size_t length, const char *filename, char *error,
                      size_t error_size);
/* Two rules of the syntax that asm.c and disasm.c must agree on (defined in asm.c): */
/* the constant-pool identity: same type and value (1, 1.0 and True differ; floats compare by bits), */
bool asm_constants_identical(Value a, Value b);
/* and the hash that goes with it (identical constants hash alike), for indexing a pool; */
uint32_t asm_constant_hash(Value v);
/* whether [chars] may be written as a bare word; other names are written as strings. */
bool asm_is_word(const char *chars, size_t length);

/* Writes the whole of [program] as assembly text. */
void disasm_program(const Program *program, FILE *out);
/* Writes one instruction as assembly ("LOAD_CONST 20", "POP_JUMP_IF_FALSE 26": constants and names shown,
 * jumps as offsets), without a newline, for listings; returns the next offset. */
uint32_t disasm_instruction(const ObjCode *code, uint32_t offset, FILE *out);

#endif
