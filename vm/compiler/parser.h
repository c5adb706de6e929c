/* parser.h: tokens to a syntax tree (ast.h).
 *
 * A recursive-descent parser over lexer.c's tokens, following CPython's grammar for the subset cpvm
 * compiles. Constructs outside the subset are rejected where they start, with a message naming them
 * ("class definitions are not supported by cpvm"). compiler.c calls parser_parse and then walks the tree.
 */
#ifndef cpvm_parser_h
#define cpvm_parser_h

#include "compiler/ast.h"
#include "compiler/lexer.h"

/* Parses the module [source] ([length] bytes) into *module, allocating from [arena]. Returns false with the
 * first error recorded in [error]. */
bool parser_parse(const char *source, size_t length, Arena *arena, SourceError *error, StmtList *module);

#endif
