/* format_spec.h: the format-spec mini-language of format(), str.format and f-strings, for int, float and
 * str (objects/format_spec.c), as CPython 3.11's Python/formatter_unicode.c implements it:
 *
 *     [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]
 *
 * A spec is parsed once into a FormatSpec, then a value is laid out by it. Errors are CPython's
 * ValueErrors word for word ("Unknown format code 'd' for object of type 'str'").
 */
#ifndef cpvm_format_spec_h
#define cpvm_format_spec_h

#include "core/object.h"

typedef struct {
    char fill[4];       /* the fill character's UTF-8 bytes */
    uint8_t fill_length;
    bool fill_given;
    char align;         /* '<' '>' '^' '=' or 0 (the type's default) */
    char sign;          /* '+' '-' ' ' or 0 */
    bool no_neg_zero;   /* 'z': -0.0 after rounding prints as 0.0 */
    bool alternate;     /* '#' */
    int64_t width;      /* -1 when absent */
    char grouping;      /* ',' '_' or 0 */
    int64_t precision;  /* -1 when absent */
    char type;          /* the presentation type, 0 when absent */
} FormatSpec;

/* Parses [spec] (for errors: the value is [v], whose type name they print). False with ValueError. */
bool format_spec_parse(Vm *vm, const char *spec, size_t length, Value v, FormatSpec *out);

/* format(v, spec) appended to [out]: ints, bools, floats and strs by the mini-language; any other value
 * takes only the empty spec (then str(v)), as object.__format__ does. */
bool format_value(Vm *vm, StrBuf *out, Value v, const char *spec, size_t length);

/* str(v), repr(v) or ascii(v) for the conversion 's', 'r' or 'a' (objects/str_template.c). */
bool format_convert(Vm *vm, StrBuf *out, Value v, char conversion);

/* Appends format(v!conversion, spec) to [out] ([conversion] 0: none): a replacement field's value. */
bool format_field_value(Vm *vm, StrBuf *out, Value v, char conversion, const char *spec, size_t length);

/* The builtins format(value[, spec]) and ascii(value) (objects/str_template.c). */
bool builtin_format(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool builtin_ascii(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);

#endif
