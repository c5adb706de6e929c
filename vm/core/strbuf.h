/* strbuf.h: a growable byte buffer for building text (core/strbuf.c).
 */
#ifndef cpvm_strbuf_h
#define cpvm_strbuf_h

#include "core/common.h"

typedef struct Vm Vm;

/* A growable byte buffer for building strings. The first bytes go into [small], inside the StrBuf itself
 * (a local variable of the caller): most strings built are short, and formatting one then costs no malloc
 * and free. Longer ones move to memory from the VM's allocator. A StrBuf must not be copied. */
typedef struct {
    char *chars; /* small, or a heap block */
    size_t length, capacity;
    bool failed; /* an allocation failed; MemoryError is set */
    char small[192];
} StrBuf;
void strbuf_init(StrBuf *b);
void strbuf_free(Vm *vm, StrBuf *b);
void strbuf_append(Vm *vm, StrBuf *b, const char *chars, size_t length);
void strbuf_append_cstr(Vm *vm, StrBuf *b, const char *cstr);
/* [count] copies of [length] bytes at [chars] (str * n): one reservation through the VM's accounting, then
 * doubling copies of at most a MiB at a time, so --timeout and Ctrl-C reach a huge repeat. */
void strbuf_append_repeated(Vm *vm, StrBuf *b, const char *chars, size_t length, size_t count);
/* [count] copies of one byte (padding, zeros), the same way. */
void strbuf_append_repeated_char(Vm *vm, StrBuf *b, char c, size_t count);
/* str(i), and a printf-formatted piece of at most 255 bytes (a few numbers and a short name). */
void strbuf_append_int(Vm *vm, StrBuf *b, int64_t i);
void strbuf_append_format(Vm *vm, StrBuf *b, const char *format, ...) __attribute__((format(printf, 3, 4)));
/* The decimal digits of [v] into [out] (at least 21 bytes), NUL-ended; returns how many. */
size_t decimal_digits(uint64_t v, char *out);

#endif
