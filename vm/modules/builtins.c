/* builtins.c: the builtin functions (print, len, range, int, ...), each an ObjBuiltin whose NativeFn
 * follows CPython 3.11's behaviour and messages; the math and sys modules are modules/math.c and sys.c,
 * the list methods objects/list_methods.c; the builtins over iterables are builtins_iter.c, those about
 * types builtins_types.c. The names of the builtin types (int, list, ...) are bound to type objects whose
 * constructors are the functions here (bind_type_names).
 *
 * vm_new calls builtins_init once (with the GC paused); calls.c calls the NativeFns with their arguments
 * on the VM stack, so arguments are GC roots. Any object a builtin creates while it makes another is held
 * in vm->temp_roots. Arithmetic and comparison come from ops/arith.c and the objects' slots.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modules/builtins.h"
#include "core/vm.h"
#include "objects/object.h"
#include "objects/args.h"
#include "core/unicode.h"
#include "ops/runtime.h"
#include "modules/builtins_int.h"

/* --- print, len, range, str, repr ---------------------------------------------------------------------- */

static bool text_keyword(Vm *vm, Value v, const char *name, Value *out) {
    if (!IS_NONE(v) && !IS_STRING(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s must be None or a string, not %s", name, value_type_name(v));
    }
    *out = v;
    return true;
}

/* Appends the str [v] to [b], or [fallback] when v is None. */
static bool write_text(Vm *vm, StrBuf *b, Value v, const char *fallback) {
    if (!IS_NONE(v)) return value_write_str(vm, b, v);
    strbuf_append_cstr(vm, b, fallback);
    return true;
}

/* Sends print's text to file=: sys.stdout (None or absent) and sys.stderr directly, anything else through
 * its write method, as CPython calls file.write. */
static bool print_to(Vm *vm, Value file, const StrBuf *b, bool flush) {
    if (IS_NONE(file) || IS_STREAM(file)) {
        if (b->length > 0) {
            if (IS_NONE(file)) fwrite(b->chars, 1, b->length, vm->out);
            else stream_write(vm, AS_STREAM(file), b->chars, b->length);
        }
        if (flush) fflush(IS_NONE(file) || !AS_STREAM(file)->is_stderr ? vm->out : stderr);
        return true;
    }
    Value write, text, ignored;
    ObjString *name = string_from_cstr(vm, "write");
    if (name == NULL || !value_getattr(vm, file, name, &write)) return false;
    vm_push_root(vm, write);
    ObjString *s = string_copy(vm, b->chars, b->length);
    bool ok = s != NULL;
    if (ok) {
        text = obj_value(&s->obj);
        ok = vm->call_value(vm, write, &text, 1, NULL, &ignored);
    }
    vm_pop_root(vm);
    return ok;
}

/* print(*objects, sep=' ', end='\n', file=None, flush=False) */
NATIVE(builtin_print) {
    int npos = positional_count(argc, kwnames);
    Value sep = none_value(), end = none_value(), file = none_value();
    bool flush = false;
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        Value v = args[npos + (int)k];
        if (is_keyword(kwnames, k, "sep")) {
            if (!text_keyword(vm, v, "sep", &sep)) return false;
        } else if (is_keyword(kwnames, k, "end")) {
            if (!text_keyword(vm, v, "end", &end)) return false;
        } else if (is_keyword(kwnames, k, "flush")) {
            flush = rt_truthy(v);
        } else if (is_keyword(kwnames, k, "file")) {
            file = v;
        } else {
            return invalid_keyword(vm, kwnames, k, "print");
        }
    }
    StrBuf b;
    strbuf_init(&b);
    bool ok = true;
    for (int i = 0; i < npos && ok; i++) {
        if (i > 0) ok = write_text(vm, &b, sep, " ");
        if (ok) ok = value_write_str(vm, &b, args[i]);
    }
    ok = ok && write_text(vm, &b, end, "\n") && !b.failed;
    if (ok) ok = print_to(vm, file, &b, flush);
    strbuf_free(vm, &b);
    *result = none_value();
    return ok;
}

NATIVE(builtin_len) {
    (void)kwnames;
    if (!exactly_one(vm, "len", argc)) return false;
    Value v = args[0];
    int64_t n;
    if (IS_LIST(v)) n = AS_LIST(v)->count;
    else if (IS_TUPLE(v)) n = AS_TUPLE(v)->count;
    else if (IS_STRING(v)) n = AS_STRING(v)->char_count;
    else if (IS_RANGE(v)) {
        if (!range_length(vm, AS_RANGE(v), &n)) return false;
    } else if (!value_len(vm, v, &n)) { /* any type's len slot (dict, set, bytes, ...) */
        return false;
    }
    *result = int_value(n);
    return true;
}

NATIVE(builtin_range) {
    (void)kwnames;
    if (argc < 1) return vm_raise(vm, EXC_TYPE_ERROR, "range expected at least 1 argument, got %d", argc);
    if (argc > 3) return vm_raise(vm, EXC_TYPE_ERROR, "range expected at most 3 arguments, got %d", argc);
    Value part[3] = {int_value(0), int_value(0), int_value(1)};
    for (int i = 0; i < argc; i++) {
        Value v = args[i];
        if (IS_BOOL(v)) v = int_value(AS_BOOL(v));
        if (!IS_INT(v) && !IS_BIGINT(v)) {
            return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object cannot be interpreted as an integer", value_type_name(v));
        }
        part[argc == 1 ? 1 : i] = v;
    }
    if (IS_INT(part[2]) && AS_INT(part[2]) == 0) return vm_raise(vm, EXC_VALUE_ERROR, "range() arg 3 must not be zero");
    return range_from_values(vm, part[0], part[1], part[2], result); /* a big int makes the big kind */
}

NATIVE(builtin_str);

/* str(object='', encoding='utf-8', errors='strict') with any of them by name: gathers them into
 * [params] (undef: not given) in their positional order. */
static bool str_params(Vm *vm, Value *args, int argc, const ObjTuple *kwnames, Value params[3]) {
    static const char *const names[] = {"object", "encoding", "errors", NULL};
    params[0] = params[1] = params[2] = undef_value();
    int npos = positional_count(argc, kwnames);
    if (npos > 3) return vm_raise(vm, EXC_TYPE_ERROR, "str() takes at most 3 arguments (%d given)", argc);
    for (int i = 0; i < npos; i++) params[i] = args[i];
    return keyword_args(vm, "str", args, argc, kwnames, names, params);
}

/* str(...) called with keywords: str(object=x) is str(x); with encoding= or errors=, the object (b''
 * when absent) is decoded, the encoding defaulting to utf-8. */
static bool str_with_keywords(Vm *vm, Value *args, int argc, const ObjTuple *kwnames, Value *result) {
    Value params[3];
    if (!str_params(vm, args, argc, kwnames, params)) return false;
    if (IS_UNDEF(params[1]) && IS_UNDEF(params[2])) {
        if (IS_UNDEF(params[0])) return builtin_str(vm, params, 0, NULL, result);
        return builtin_str(vm, params, 1, NULL, result);
    }
    if (IS_UNDEF(params[0])) { /* decoding b'' gives '' whatever the codec */
        ObjString *empty = string_copy(vm, "", 0);
        if (empty == NULL) return false;
        *result = obj_value(&empty->obj);
        return true;
    }
    if (IS_UNDEF(params[1])) {
        ObjString *utf8 = string_from_cstr(vm, "utf-8");
        if (utf8 == NULL) return false;
        params[1] = obj_value(&utf8->obj);
    }
    vm_push_root(vm, params[1]);
    bool ok = builtin_str(vm, params, IS_UNDEF(params[2]) ? 2 : 3, NULL, result);
    vm_pop_root(vm);
    return ok;
}

NATIVE(builtin_str) {
    if (kwnames != NULL && kwnames->count > 0) return str_with_keywords(vm, args, argc, kwnames, result);
    if (argc == 0) {
        ObjString *empty = string_copy(vm, "", 0);
        if (empty == NULL) return false;
        *result = obj_value(&empty->obj);
        return true;
    }
    if (argc > 3) return vm_raise(vm, EXC_TYPE_ERROR, "str() takes at most 3 arguments (%d given)", argc);
    if (argc > 1 && is_byteslike(args[0])) return bytes_decode(vm, args, argc, NULL, result); /* str(b, encoding) */
    if (argc > 1) {
        return vm_raise(vm, EXC_TYPE_ERROR, "decoding to str: need a bytes-like object, %s found",
                        value_type_name(args[0]));
    }
    if (IS_STRING(args[0])) {
        *result = args[0];
        return true;
    }
    ObjString *s = value_to_string(vm, args[0]);
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}

NATIVE(builtin_repr) {
    (void)kwnames;
    if (!exactly_one(vm, "repr", argc)) return false;
    StrBuf b;
    strbuf_init(&b);
    if (!value_write_repr(vm, &b, args[0])) {
        strbuf_free(vm, &b);
        return false;
    }
    return strbuf_result(vm, &b, result);
}

/* --- int, float, bool ------------------------------------------------------------------------------------ */

/* Python's whitespace within ASCII, which int() and float() strip: \x1c-\x1f count too. */
static bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

typedef enum { PARSE_OK, PARSE_INVALID, PARSE_OVERFLOW } ParseStatus;

/* Where parse_int found the digits of a literal too large for int64, for the big-int parse. */
typedef struct {
    size_t start, end; /* digits and underscores, without sign and prefix */
    int base;
    bool negative;
    bool tail_ok; /* only whitespace follows */
} DigitSpan;

/* Parses an int literal as int(s, base) does: surrounding whitespace, a sign, a 0x/0o/0b prefix (which
 * base 0 requires to pick the base), single underscores between digits. Base 0 rejects "010", as Python
 * source does. */
static ParseStatus parse_int(const char *s, size_t n, int base, int64_t *out, DigitSpan *span) {
    size_t i = 0;
    while (i < n && is_space(s[i])) i++;
    bool negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    bool zeros_only = false;
    if (i + 1 < n && s[i] == '0') {
        char p = (char)tolower((unsigned char)s[i + 1]);
        int prefix_base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (prefix_base != 0 && (base == 0 || base == prefix_base)) {
            base = prefix_base;
            i += 2;
            if (i < n && s[i] == '_') i++; /* 0x_ff is allowed */
        }
    }
    if (base == 0) {
        zeros_only = i < n && s[i] == '0';
        base = 10;
    }
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    *span = (DigitSpan){.start = i, .base = base, .negative = negative};
    uint64_t value = 0;
    bool overflow = false, after_underscore = false;
    size_t ndigits = 0;
    for (; i < n; i++) {
        if (s[i] == '_') {
            if (ndigits == 0 || after_underscore) return PARSE_INVALID;
            after_underscore = true;
            continue;
        }
        int d = digit_value(s[i]);
        if (d >= base) break;
        if (zeros_only && d != 0) return PARSE_INVALID;
        after_underscore = false;
        ndigits++;
        if (value > (limit - (uint64_t)d) / (uint64_t)base) overflow = true;
        else value = value * (uint64_t)base + (uint64_t)d;
    }
    span->end = i;
    if (after_underscore || ndigits == 0) return PARSE_INVALID;
    while (i < n && is_space(s[i])) i++;
    span->tail_ok = i == n;
    if (overflow) return PARSE_OVERFLOW; /* CPython checks the digit limit before the tail */
    if (i != n) return PARSE_INVALID;
    *out = negative ? (int64_t)(0 - value) : (int64_t)value;
    return PARSE_OK;
}

static bool int_from_string(Vm *vm, Value v, int base, Value *result) {
    ObjString *s = AS_STRING(v);
    int64_t i;
    DigitSpan span;
    switch (parse_int(s->chars, s->length, base, &i, &span)) {
    case PARSE_OK: *result = int_value(i); return true;
    case PARSE_OVERFLOW: {
        const char *digits = s->chars + span.start;
        size_t length = span.end - span.start;
        if (!bigint_check_str_digits(vm, digits, length, span.base)) return false;
        if (span.tail_ok) return bigint_parse_digits(vm, digits, length, span.base, span.negative, result);
        break;
    }
    case PARSE_INVALID: break;
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "invalid literal for int() with base %d: ", base);
    return raise_with_repr(vm, EXC_VALUE_ERROR, prefix, v, "");
}

/* int(x, base=N): base is the one argument int() takes by name (x is positional only). It is
 * args[1] by then, so the rest of int() sees the positional form. */
static bool int_base_keyword(Vm *vm, int argc, const ObjTuple *kwnames) {
    int npos = positional_count(argc, kwnames);
    for (uint32_t k = 0; k < kwnames->count; k++) {
        if (!is_keyword(kwnames, k, "base")) return invalid_keyword(vm, kwnames, k, "int");
    }
    if (npos == 0) return vm_raise(vm, EXC_TYPE_ERROR, "int() missing string argument");
    /* With one positional argument args[1] is the base already (keyword values follow the positional
     * ones); with two, argc is 3 and int() says "takes at most 2 arguments (3 given)", as CPython does. */
    return true;
}

NATIVE(builtin_int) {
    if (kwnames != NULL && kwnames->count > 0 && !int_base_keyword(vm, argc, kwnames)) return false;
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "int() takes at most 2 arguments (%d given)", argc);
    if (argc == 0) {
        *result = int_value(0);
        return true;
    }
    Value v = args[0];
    if (argc == 2) {
        int64_t base;
        if (!int_arg(vm, args[1], &base)) return false;
        if ((base != 0 && base < 2) || base > 36) {
            return vm_raise(vm, EXC_VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0");
        }
        if (!IS_STRING(v)) return vm_raise(vm, EXC_TYPE_ERROR, "int() can't convert non-string with explicit base");
        return int_from_string(vm, v, (int)base, result);
    }
    if (IS_INT(v) || IS_BIGINT(v)) *result = v;
    else if (IS_BOOL(v)) *result = int_value(AS_BOOL(v));
    else if (IS_FLOAT(v)) return bigint_from_float(vm, AS_FLOAT(v), result);
    else if (IS_STRING(v)) {
        return int_from_string(vm, v, 10, result);
    } else {
        return vm_raise(vm, EXC_TYPE_ERROR,
                        "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                        value_type_name(v));
    }
    return true;
}

/* Case-insensitive match of s[0, n) against [word]. */
static bool is_word(const char *s, size_t n, const char *word) {
    if (strlen(word) != n) return false;
    for (size_t i = 0; i < n; i++) {
        if (tolower((unsigned char)s[i]) != word[i]) return false;
    }
    return true;
}

/* Copies the digits at s[*i] to out (underscores dropped); false if there are none or an underscore is
 * not between two digits. */
static bool copy_digits(const char *s, size_t n, size_t *i, char *out, size_t *o) {
    if (*i >= n || !isdigit((unsigned char)s[*i])) return false;
    while (*i < n) {
        if (s[*i] == '_') {
            if (*i + 1 >= n || !isdigit((unsigned char)s[*i + 1])) return false;
            (*i)++;
        } else if (!isdigit((unsigned char)s[*i])) {
            break;
        }
        out[(*o)++] = s[(*i)++];
    }
    return true;
}

/* Parses a float literal as float(str) does, into a clean copy for strtod; hex floats are not accepted. */
static bool parse_float(const char *s, size_t n, char *clean, double *out) {
    while (n > 0 && is_space(s[n - 1])) n--;
    while (n > 0 && is_space(*s)) s++, n--;
    size_t i = 0, o = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) clean[o++] = s[i++];
    if (is_word(s + i, n - i, "inf") || is_word(s + i, n - i, "infinity")) {
        *out = o > 0 && clean[0] == '-' ? -INFINITY : INFINITY;
        return true;
    }
    if (is_word(s + i, n - i, "nan")) {
        *out = NAN;
        return true;
    }
    bool whole = copy_digits(s, n, &i, clean, &o);
    if (i < n && s[i] == '_') return false;
    bool fraction = false;
    if (i < n && s[i] == '.') {
        clean[o++] = s[i++];
        fraction = copy_digits(s, n, &i, clean, &o);
        if (!fraction && i < n && s[i] == '_') return false;
    }
    if (!whole && !fraction) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        clean[o++] = s[i++];
        if (i < n && (s[i] == '+' || s[i] == '-')) clean[o++] = s[i++];
        if (!copy_digits(s, n, &i, clean, &o)) return false;
    }
    if (i != n) return false;
    clean[o] = '\0';
    *out = strtod(clean, NULL);
    return true;
}

NATIVE(builtin_float) {
    (void)kwnames;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "float expected at most 1 argument, got %d", argc);
    if (argc == 0) {
        *result = float_value(0.0);
        return true;
    }
    Value v = args[0];
    if (IS_FLOAT(v)) *result = v;
    else if (IS_INT(v)) *result = float_value((double)AS_INT(v));
    else if (IS_BOOL(v)) *result = float_value(AS_BOOL(v));
    else if (IS_BIGINT(v)) {
        double d;
        if (!bigint_to_double(vm, v, &d)) return false; /* OverflowError past the float range */
        *result = float_value(d);
    } else if (IS_STRING(v)) {
        ObjString *s = AS_STRING(v);
        char *clean = VM_ALLOCATE(vm, char, (size_t)s->length + 1);
        if (clean == NULL) return false;
        double d;
        bool ok = parse_float(s->chars, s->length, clean, &d);
        VM_FREE_ARRAY(vm, char, clean, (size_t)s->length + 1);
        if (!ok) return raise_with_repr(vm, EXC_VALUE_ERROR, "could not convert string to float: ", v, "");
        *result = float_value(d);
    } else {
        return vm_raise(vm, EXC_TYPE_ERROR, "float() argument must be a string or a real number, not '%s'",
                        value_type_name(v));
    }
    return true;
}

NATIVE(builtin_bool) {
    (void)kwnames;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "bool expected at most 1 argument, got %d", argc);
    *result = bool_value(argc == 1 && rt_truthy(args[0]));
    return true;
}

/* --- Numbers: abs, round, pow, divmod, chr, ord ----------------------------------------------------------- */

NATIVE(builtin_abs) {
    (void)kwnames;
    if (!exactly_one(vm, "abs", argc)) return false;
    Value v = args[0];
    if (IS_BIGINT(v) || (IS_INT(v) && AS_INT(v) == INT64_MIN)) {
        return bigint_abs(vm, v, result); /* abs(-2**63) is 2**63 */
    } else if (IS_INT(v)) {
        *result = int_value(AS_INT(v) < 0 ? -AS_INT(v) : AS_INT(v));
    } else if (IS_BOOL(v)) {
        *result = int_value(AS_BOOL(v));
    } else if (IS_FLOAT(v)) {
        *result = float_value(fabs(AS_FLOAT(v)));
    } else {
        return vm_raise(vm, EXC_TYPE_ERROR, "bad operand type for abs(): '%s'", value_type_name(v));
    }
    return true;
}

/* round(x) for a float: the nearest int, ties to even (CPython's float.__round__). */
static bool round_float_to_int(Vm *vm, double x, Value *result) {
    double rounded = round(x);
    if (fabs(x - rounded) == 0.5) rounded = 2.0 * round(x / 2.0);
    return bigint_from_float(vm, rounded, result);
}

/* Adds one to the decimal digits digits[0, n) in place; returns true if a carry comes out the top. */
static bool increment_digits(char *digits, size_t n) {
    for (size_t i = n; i-- > 0;) {
        if (digits[i] != '9') {
            digits[i]++;
            return false;
        }
        digits[i] = '0';
    }
    return true;
}

/* round(x, ndigits) for a float: rounds the exact binary value to a decimal place, ties to even, as
 * CPython's dtoa-based double_round does. glibc's printf is exact, so "%.*f" does it for ndigits >= 0;
 * for ndigits < 0 we round the exact integer digits ourselves. */
static bool round_float(Vm *vm, double x, int64_t ndigits, Value *result) {
    if (!isfinite(x) || x == 0.0 || ndigits > 323) {
        *result = float_value(x);
        return true;
    }
    if (ndigits < -308) {
        *result = float_value(0.0 * x);
        return true;
    }
    char buf[720];
    double rounded;
    if (ndigits >= 0) {
        snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x);
        rounded = strtod(buf, NULL);
    } else {
        double ax = fabs(x), whole = trunc(ax);
        size_t n = (size_t)snprintf(buf + 1, sizeof buf - 1, "%.0f", whole); /* buf[0] takes a carry */
        size_t k = (size_t)-ndigits;
        char *digits = buf + 1;
        if (k > n) {
            rounded = 0.0;
        } else {
            /* digits[0, n-k) are kept; digits[n-k, n) plus the fraction decide the rounding */
            size_t keep = n - k;
            char first = digits[keep];
            bool rest_zero = ax == whole;
            for (size_t i = keep + 1; i < n && rest_zero; i++) rest_zero = digits[i] == '0';
            bool odd = keep > 0 && (digits[keep - 1] - '0') % 2 == 1;
            bool up = first > '5' || (first == '5' && (!rest_zero || odd));
            char *start = digits;
            if (up) {
                if (keep == 0 || increment_digits(digits, keep)) {
                    start = buf;
                    buf[0] = '1';
                    keep++;
                }
            }
            memset(start + keep, '0', k);
            start[keep + k] = '\0';
            rounded = strtod(start, NULL);
        }
        rounded = copysign(rounded, x);
    }
    if (isinf(rounded)) return vm_raise(vm, EXC_OVERFLOW_ERROR, "rounded value too large to represent");
    *result = float_value(rounded);
    return true;
}

/* round(number, ndigits=None), both also by name. */
NATIVE(builtin_round) {
    static const char *const names[] = {"number", "ndigits", NULL};
    Value params[2] = {undef_value(), undef_value()};
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "round() takes at most 2 arguments (%d given)", argc);
    for (int i = 0; i < positional_count(argc, kwnames); i++) params[i] = args[i];
    if (!keyword_args(vm, "round", args, argc, kwnames, names, params)) return false;
    if (IS_UNDEF(params[0])) return vm_raise(vm, EXC_TYPE_ERROR, "round() missing required argument 'number' (pos 1)");
    args = params;
    argc = IS_UNDEF(params[1]) ? 1 : 2;
    Value x = args[0];
    if (!is_number(x)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "type %s doesn't define __round__ method", value_type_name(x));
    }
    if (argc == 1 || IS_NONE(args[1])) {
        if (IS_FLOAT(x)) return round_float_to_int(vm, AS_FLOAT(x), result);
        return int_round(vm, x, int_value(0), result);
    }
    if (IS_FLOAT(x)) {
        int64_t ndigits;
        if (!int_arg(vm, args[1], &ndigits)) return false;
        return round_float(vm, AS_FLOAT(x), ndigits, result);
    }
    return int_round(vm, x, args[1], result);
}

NATIVE(builtin_pow) {
    (void)kwnames;
    if (argc < 2) {
        return vm_raise(vm, EXC_TYPE_ERROR, "pow() missing required argument '%s' (pos %d)", argc == 0 ? "base" : "exp",
                        argc + 1);
    }
    if (argc > 3) return vm_raise(vm, EXC_TYPE_ERROR, "pow() takes at most 3 arguments (%d given)", argc);
    if (argc == 2 || IS_NONE(args[2])) return rt_binary_op(vm, NB_POWER, args[0], args[1], result);
    for (int i = 0; i < 3; i++) {
        if (!is_integer(args[i])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "pow() 3rd argument not allowed unless all arguments are integers");
        }
    }
    return bigint_pow_mod(vm, args[0], args[1], args[2], result);
}

NATIVE(builtin_divmod) {
    (void)kwnames;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "divmod expected 2 arguments, got %d", argc);
    /* float_divmod names itself; the // and % it is made of would say "float floor division by zero". */
    bool numbers = is_number(args[0]) && is_number(args[1]);
    if (numbers && (IS_FLOAT(args[0]) || IS_FLOAT(args[1]))) {
        bool zero = IS_FLOAT(args[1]) ? AS_FLOAT(args[1]) == 0.0 : number_compare(args[1], int_value(0)) == 0;
        if (zero) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "float divmod()");
    }
    Value q, r;
    if (!rt_binary_op(vm, NB_FLOOR_DIVIDE, args[0], args[1], &q)) return false;
    vm_push_root(vm, q); /* a big int quotient must outlive the remainder's and the pair's allocation */
    bool ok = rt_binary_op(vm, NB_REMAINDER, args[0], args[1], &r);
    if (ok) vm_push_root(vm, r);
    ObjTuple *pair = ok ? tuple_new(vm, 2) : NULL;
    vm_pop_root(vm);
    if (ok) vm_pop_root(vm);
    if (pair == NULL) return false;
    pair->items[0] = q;
    pair->items[1] = r;
    *result = obj_value(&pair->obj);
    return true;
}

NATIVE(builtin_chr) {
    (void)kwnames;
    if (!exactly_one(vm, "chr", argc)) return false;
    int64_t cp;
    if (!int_arg(vm, args[0], &cp)) return false;
    if (cp < 0 || cp > 0x10FFFF) return vm_raise(vm, EXC_VALUE_ERROR, "chr() arg not in range(0x110000)");
    if (cp >= 0xD800 && cp <= 0xDFFF) {
        /* CPython allows lone surrogates; cpvm strings are valid UTF-8, which cannot hold them. */
        return vm_raise(vm, EXC_VALUE_ERROR, "chr() arg is a surrogate, which cpvm strings cannot hold");
    }
    char utf8[4];
    size_t n = (size_t)utf8_encode((uint32_t)cp, utf8);
    ObjString *s = string_copy(vm, utf8, n);
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}

NATIVE(builtin_ord) {
    (void)kwnames;
    if (!exactly_one(vm, "ord", argc)) return false;
    if (!IS_STRING(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "ord() expected string of length 1, but %s found",
                        value_type_name(args[0]));
    }
    ObjString *s = AS_STRING(args[0]);
    if (s->char_count != 1) {
        return vm_raise(vm, EXC_TYPE_ERROR, "ord() expected a character, but string of length %u found",
                        s->char_count);
    }
    uint32_t cp = 0;
    utf8_decode(s->chars, s->length, &cp); /* one character of a str: valid UTF-8 */
    *result = int_value(cp);
    return true;
}

/* --- Tables and initialisation ------------------------------------------------------------------------------ */

static const MethodDef builtin_defs[] = {
    {"print", builtin_print, true}, {"len", builtin_len, false},     {"range", builtin_range, false},
    {"str", builtin_str, true},    {"repr", builtin_repr, false},   {"int", builtin_int, true},
    {"float", builtin_float, false}, {"bool", builtin_bool, false},  {"abs", builtin_abs, false},
    {"round", builtin_round, true}, {"pow", builtin_pow, false},
    {"divmod", builtin_divmod, false}, {"chr", builtin_chr, false},  {"ord", builtin_ord, false},
    {"dict", builtin_dict, true},   {"set", builtin_set, false},     {"frozenset", builtin_frozenset, false},
    {"hex", builtin_hex, false},    {"oct", builtin_oct, false},     {"bin", builtin_bin, false},
    {"format", builtin_format, false}, {"ascii", builtin_ascii, false}, {"bytes", builtin_bytes, false},
    {"bytearray", builtin_bytearray, false},
};


static bool add_builtin(Vm *vm, const char *name, Value value) {
    ObjString *s = string_from_cstr(vm, name);
    if (s == NULL) return false;
    vm->builtin_names[vm->nbuiltins] = s;
    vm->builtin_values[vm->nbuiltins] = value;
    vm->nbuiltins++;
    return true;
}

static bool add_builtin_functions(Vm *vm, const MethodDef *defs, size_t count) {
    for (size_t k = 0; k < count && defs[k].name != NULL; k++) {
        ObjBuiltin *fn = builtin_new(vm, defs[k].name, defs[k].fn, (defs[k].flags & METHOD_KEYWORDS) != 0);
        if (fn == NULL || !add_builtin(vm, defs[k].name, obj_value(&fn->obj))) return false;
    }
    return true;
}

static size_t count_defs(const MethodDef *defs) {
    size_t n = 0;
    while (defs[n].name != NULL) n++;
    return n;
}

/* Binds the name of each builtin function that is also a type's name (int, list, enumerate, object, ...)
 * to the type object (objects/type.h), which takes the function as its constructor. */
static void bind_type_names(Vm *vm) {
    for (uint32_t b = 0; b < vm->nbuiltins; b++) {
        if (!IS_BUILTIN(vm->builtin_values[b])) continue;
        ObjTypeObject *type = type_object_named(vm, vm->builtin_names[b]->chars);
        if (type == NULL || type->constructor != NULL) continue;
        type->constructor = AS_BUILTIN(vm->builtin_values[b]);
        vm->builtin_values[b] = obj_value(&type->obj);
    }
}

bool module_set_function(Vm *vm, ObjModule *module, uint32_t slot, const char *name, NativeFn fn) {
    ObjBuiltin *builtin = builtin_new(vm, name, fn, false);
    return builtin != NULL && module_set(vm, module, slot, name, obj_value(&builtin->obj));
}

/* vm_new pauses the GC around this, so the objects made here need no rooting until they are stored. */
bool builtins_init(Vm *vm) {
    size_t count = COUNT_OF(builtin_defs) + count_defs(builtin_iter_defs) + count_defs(builtin_type_defs) +
                   3 /* + the math, sys and gc modules */ + 2 /* Ellipsis, NotImplemented */ + EXC_COUNT_;
    vm->builtin_names = VM_ALLOCATE(vm, ObjString *, count);
    vm->builtin_values = VM_ALLOCATE(vm, Value, count);
    if (vm->builtin_names == NULL || vm->builtin_values == NULL) return false;
    vm->nbuiltins = 0;
    if (!add_builtin_functions(vm, builtin_defs, COUNT_OF(builtin_defs)) ||
        !add_builtin_functions(vm, builtin_iter_defs, SIZE_MAX) ||
        !add_builtin_functions(vm, builtin_type_defs, SIZE_MAX)) {
        return false;
    }
    ObjModule *math = math_module_new(vm);
    if (math == NULL || !add_builtin(vm, "math", obj_value(&math->obj))) return false;
    ObjModule *gc = gc_module_new(vm);
    if (gc == NULL || !add_builtin(vm, "gc", obj_value(&gc->obj))) return false;
    vm->sys_module = sys_module_new(vm);
    if (vm->sys_module == NULL || !add_builtin(vm, "sys", obj_value(&vm->sys_module->obj))) return false;
    if (!type_objects_init(vm) || !exception_types_init(vm) || !singletons_init(vm)) return false;
    if (!add_builtin(vm, "Ellipsis", obj_value(vm->ellipsis)) ||
        !add_builtin(vm, "NotImplemented", obj_value(vm->not_implemented))) {
        return false;
    }
    for (int t = EXC_BASE_EXCEPTION; t < EXC_COUNT_; t++) {
        if (!add_builtin(vm, vm->exc_types[t]->name, obj_value(&vm->exc_types[t]->obj))) return false;
    }
    bind_type_names(vm);
    return true;
}
