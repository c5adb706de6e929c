/* asm.h: the textual assembly (.cpasm) and its disassembler.
 *
 * asm.c turns text into a Program (then verify.c checks it); disasm.c prints a Program as text that
 * assembles back to the identical bytecode. The syntax is documented at the top of asm.c and in README.md.
 */
#ifndef cpvm_asm_h
#define cpvm_asm_h

#include <stdio.h>

#include "vm.h"

/* Assembles [source] ([length] bytes). On failure returns NULL and writes
 * "FILE:LINE:COL: error: message" to [error]. */
Program *asm_assemble(Vm *vm, const char *source, size_t length, const char *filename, char *error,
                      size_t error_size);
/* Writes [program] as assembly text. With [with_lines_only] false it prints the whole module. */
void disasm_program(const Program *program, FILE *out);
/* One instruction's text ("LOAD_CONST 3" with the constant shown) for listings; returns the next offset. */
uint32_t disasm_instruction(const ObjCode *code, uint32_t offset, FILE *out);

#endif
