/* compiler.h: the Python-subset compiler: source text to a Program.
 *
 * lexer.c makes tokens, parser.c an AST (ast.h), compiler.c bytecode with a line table and max stack
 * depth. main.c calls it for `cpvm run prog.py`, `cpvm compile` and `cpvm dis prog.py`.
 */
#ifndef cpvm_compiler_h
#define cpvm_compiler_h

#include "core/vm.h"

/* Compiles [source] ([length] bytes) read from [filename]. On failure returns NULL and writes the message
 * ("prog.py:12:5: error: ...", plus the source line and a caret line) to [error]. */
Program *compiler_compile(Vm *vm, const char *source, size_t length, const char *filename, char *error,
                          size_t error_size);

#endif
