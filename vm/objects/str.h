/* str.h: Python's str: immutable UTF-8 text (objects/str.c).
 */
#ifndef cpvm_str_h
#define cpvm_str_h

#include "core/object.h"

/* [length] counts bytes and [char_count] code points; they are equal when the string is ASCII, which
 * makes indexing O(1); other strings index by walking. chars is NUL-ended. */
struct ObjString {
    Obj obj;
    uint32_t hash; /* FNV-1a of the bytes, computed on first use by string_hash; 0 until then */
    uint32_t length;
    uint32_t char_count;
    char chars[];
};

#define IS_STRING(v) is_obj_type(v, OBJ_STRING)
#define AS_STRING(v) ((ObjString *)AS_OBJ(v))

/* Constructors. copy_ copies [chars]; the bytes must be valid UTF-8 (callers that read untrusted bytes
 * check with utf8_is_valid (core/unicode.h) first). A one-character ASCII str is the VM's shared one (vm->single_chars),
 * so indexing and iterating over a str make no garbage. */
ObjString *string_copy(Vm *vm, const char *chars, size_t length);
ObjString *string_from_cstr(Vm *vm, const char *cstr);
/* A str of [length] bytes and [char_count] code points whose chars the caller fills in at once (then it is
 * never changed): BUILD_STRING joins an f-string's parts into it without a scratch buffer. */
ObjString *string_uninitialised(Vm *vm, size_t length, uint32_t char_count);
/* string_copy of bytes known to be valid UTF-8 of [char_count] code points (UINT32_MAX: count them). */
ObjString *string_copy_counted(Vm *vm, const char *chars, size_t length, uint32_t char_count);
/* a + b: no scratch buffer and no UTF-8 check (two valid strings make a valid one). */
ObjString *string_concat(Vm *vm, const ObjString *a, const ObjString *b);
bool string_equal(const ObjString *a, const ObjString *b);
/* The hash of [s], computed once on first use (most strings are never hashed). */
uint32_t string_hash(ObjString *s);
uint32_t hash_bytes(const char *chars, size_t length);

/* Byte offset of code point [index] (0 <= index <= char_count) of [s]. */
uint32_t str_offset(const ObjString *s, int64_t index);
/* A 1-character str: the code point at byte [offset] of [s]. */
bool str_char_at(Vm *vm, const ObjString *s, uint32_t offset, Value *result);
/* repr(s) as CPython writes it (quotes, escapes); and the code point at byte *i, advancing *i. */
void str_write_repr(Vm *vm, StrBuf *b, const ObjString *s);
uint32_t str_next_code_point(const char *chars, size_t *i);
/* \xNN, \uNNNN or \UNNNNNNNN: the shortest escape repr and ascii() use for [cp]. */
void str_write_escape(Vm *vm, StrBuf *b, uint32_t cp);
/* Python's str.isprintable() of one code point (what repr escapes). */
bool unicode_is_printable(uint32_t cp);
/* Three-way order of two strs (code point order). */
int str_compare(const ObjString *a, const ObjString *b);

/* ascii(v): repr(v) with every non-ASCII character escaped (objects/str_format.c). */
bool value_write_ascii(Vm *vm, StrBuf *b, Value v);
/* `format % args`, as CPython's printf-style formatting (objects/str_format.c). */
bool str_format(Vm *vm, ObjString *format, Value args, Value *result);

extern const TypeInfo str_type;
extern const MethodDef str_methods[]; /* objects/str_methods.c */

#endif
