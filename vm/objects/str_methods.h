/* str_methods.h: what the files holding str's methods share (str_methods.c: searching, splitting,
 * joining, stripping; str_case.c: case mapping, the is* predicates, padding; str_template.c: str.format).
 *
 * Every method is a NativeFn called with the str as args[0] (LOAD_METHOD puts it there). Indices that a
 * method takes or returns count code points; the work is done on the UTF-8 bytes, which is safe because
 * UTF-8 is self-synchronising: a valid needle matches only at character boundaries.
 */
#ifndef cpvm_str_methods_h
#define cpvm_str_methods_h

#include "objects/args.h"
#include "objects/object.h"

/* How a method words its arity errors: Argument Clinic's "find() takes at most 3 arguments (4 given)"
 * (str.join() takes exactly one argument ...) or the older "replace expected at least 2 arguments, got 1". */
typedef enum { ARITY_CLINIC, ARITY_OLD } ArityStyle;

/* args[0] must be a str (str.upper(5) calls a method on a non-str), and the others count [min, max]. */
bool str_method_args(Vm *vm, const char *method, Value *args, int argc, int min, int max, ArityStyle style);

/* The str made from bytes [from, to) of [s]: no UTF-8 check (a slice of a str at character boundaries). */
ObjString *str_substring(Vm *vm, const ObjString *s, uint32_t from, uint32_t to);
bool str_substring_value(Vm *vm, const ObjString *s, uint32_t from, uint32_t to, Value *result);
/* Characters in bytes [0, offset) of [s]. */
int64_t str_char_index(const ObjString *s, uint32_t offset);
/* Python's str.isspace() of one code point (what split() and strip() split and strip on). */
bool unicode_is_space(uint32_t cp);
/* Appends [count] copies of the (UTF-8) fill character [fill] of [fill_length] bytes. */
void str_append_fill(Vm *vm, StrBuf *b, const char *fill, size_t fill_length, int64_t count);
/* An optional int argument (a count, a width): false with CPython's TypeError. */
bool str_int_arg(Vm *vm, Value v, int64_t *out);

/* The methods in str_case.c, str_template.c and bytes.c that str's table lists (str_methods.c). */
bool str_upper(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_lower(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_casefold(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_swapcase(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_title(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_capitalize(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isalpha(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isdigit(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isdecimal(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isnumeric(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isalnum(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isspace(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isupper(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_islower(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_istitle(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isascii(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isidentifier(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_isprintable(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_center(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_ljust(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_rjust(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_zfill(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_expandtabs(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_translate(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_maketrans(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_format_method(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool str_format_map(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);

#endif
