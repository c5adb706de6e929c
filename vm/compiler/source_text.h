/* source_text.h: the source text's side of compiling (source_text.c): error messages with the source
 * line and a caret, and the UTF-8 check.
 */
#ifndef cpvm_source_text_h
#define cpvm_source_text_h

#include <stdbool.h>
#include <stddef.h>

#include "compiler/lexer.h"

/* Writes "FILE:LINE:COL: error: MESSAGE", the source line and a caret line for [e] into [out]. */
void source_format_error(const char *source, size_t length, const char *filename, const SourceError *e, char *out,
                         size_t size);
/* False with [error] set at the first line of [source] that is not valid UTF-8. */
bool source_check_utf8(const char *source, size_t length, SourceError *error);

#endif
