/* str_format.c: printf-style formatting, `str % args`: str's remainder slot (objects/str.c).
 *
 * Text is built in a StrBuf (core/strbuf.h); str() and repr() of each value come from its type
 * (objects/protocol.c). Invariant: output matches CPython 3.11 byte for byte.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vm.h"
#include "core/unicode.h"
#include "objects/object.h"


/* --- printf-style formatting --------------------------------------------------------------------------- */

/* One conversion's flags, width and precision (-1: none given). */
typedef struct {
    bool left, plus, space, alt, zero;
    int64_t width, precision;
} Spec;

/* The right-hand side of `%`: a tuple supplies its items in order, anything else is one argument. */
typedef struct {
    const Value *items;
    uint32_t count, next;
    bool is_mapping; /* a list or range: CPython treats it as a possible mapping and so never complains
                        that arguments were left over */
} FormatArgs;

static bool next_arg(Vm *vm, FormatArgs *args, Value *out) {
    if (args->next >= args->count) return vm_raise(vm, EXC_TYPE_ERROR, "not enough arguments for format string");
    *out = args->items[args->next++];
    return true;
}

static size_t count_code_points(const char *chars, size_t length) {
    size_t n = 0;
    for (size_t i = 0; i < length; i++) n += !utf8_is_continuation((uint8_t)chars[i]);
    return n;
}

/* Writes [prefix] (sign, 0x) and [body] padded to the spec's width. Zeros go between prefix and body,
 * and only for numbers; spaces go before, or after with '-'. Width counts code points. */
static void emit_padded(Vm *vm, StrBuf *out, const Spec *spec, const char *prefix, const char *body, size_t length,
                        bool numeric) {
    size_t prefix_length = strlen(prefix);
    size_t shown = prefix_length + count_code_points(body, length);
    size_t pad = spec->width > 0 && (uint64_t)spec->width > shown ? (size_t)spec->width - shown : 0;
    bool zeros = numeric && spec->zero && !spec->left;
    if (!spec->left && !zeros) strbuf_append_repeated_char(vm, out, ' ', pad);
    strbuf_append(vm, out, prefix, prefix_length);
    if (zeros) strbuf_append_repeated_char(vm, out, '0', pad);
    strbuf_append(vm, out, body, length);
    if (spec->left) strbuf_append_repeated_char(vm, out, ' ', pad);
}

/* ascii(v), for %a: repr(v) with every non-ASCII character escaped, which is how CPython defines it. */
bool value_write_ascii(Vm *vm, StrBuf *b, Value v) {
    StrBuf text;
    strbuf_init(&text);
    bool ok = value_write_repr(vm, &text, v);
    for (size_t i = 0; i < text.length;) {
        size_t start = i;
        uint32_t cp = str_next_code_point(text.chars, &i);
        if (cp < 0x80) {
            strbuf_append(vm, b, text.chars + start, 1);
        } else {
            str_write_escape(vm, b, cp);
        }
    }
    if (text.failed) b->failed = true;
    strbuf_free(vm, &text);
    return ok && !b->failed;
}

/* %s %r %a: the text, cut to [precision] code points. */
static bool format_text(Vm *vm, StrBuf *out, const Spec *spec, char conversion, Value arg) {
    StrBuf text;
    strbuf_init(&text);
    if (conversion == 's') {
        value_write_str(vm, &text, arg);
    } else if (conversion == 'r') {
        value_write_repr(vm, &text, arg);
    } else {
        value_write_ascii(vm, &text, arg);
    }
    size_t length = text.length;
    if (spec->precision >= 0) {
        int64_t keep = spec->precision;
        for (length = 0; length < text.length; length++) {
            if (!utf8_is_continuation((uint8_t)text.chars[length]) && keep-- == 0) break;
        }
    }
    if (!text.failed) emit_padded(vm, out, spec, "", text.length ? text.chars : "", length, false);
    bool ok = !text.failed;
    strbuf_free(vm, &text);
    return ok;
}

/* %c: an int code point or a one-character str. */
static bool format_char(Vm *vm, StrBuf *out, const Spec *spec, Value arg) {
    char bytes[4];
    size_t n;
    if (IS_STRING(arg) && AS_STRING(arg)->char_count == 1) {
        n = AS_STRING(arg)->length;
        memcpy(bytes, AS_STRING(arg)->chars, n);
    } else if (IS_INT(arg) || IS_BOOL(arg)) {
        int64_t cp = IS_INT(arg) ? AS_INT(arg) : AS_BOOL(arg);
        if (cp < 0 || cp > 0x10FFFF) return vm_raise(vm, EXC_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
        n = (size_t)utf8_encode((uint32_t)cp, bytes);
        /* A lone surrogate cannot be stored in a UTF-8 str; CPython would build one. */
        if (cp >= 0xD800 && cp <= 0xDFFF) return vm_raise(vm, EXC_VALUE_ERROR, "surrogates not allowed");
    } else {
        return vm_raise(vm, EXC_TYPE_ERROR, "%%c requires int or char");
    }
    emit_padded(vm, out, spec, "", bytes, n, false);
    return true;
}

static bool emit_integer(Vm *vm, StrBuf *out, const Spec *spec, char conversion, bool negative,
                         const char *digits, size_t ndigits);

/* %d and friends of a big int: its digits come from objects/bigint.c (with the decimal digit limit). */
static bool format_bigint(Vm *vm, StrBuf *out, const Spec *spec, char conversion, Value arg) {
    bool decimal = conversion == 'd' || conversion == 'i' || conversion == 'u';
    StrBuf digits;
    strbuf_init(&digits);
    bool ok = bigint_write(vm, &digits, arg, decimal ? 10 : conversion == 'o' ? 8 : 16, "");
    bool negative = ok && digits.chars[0] == '-';
    for (size_t i = 0; ok && conversion == 'X' && i < digits.length; i++) {
        if (digits.chars[i] >= 'a' && digits.chars[i] <= 'f') digits.chars[i] = (char)(digits.chars[i] - 'a' + 'A');
    }
    ok = ok && emit_integer(vm, out, spec, conversion, negative, digits.chars + negative, digits.length - negative);
    strbuf_free(vm, &digits);
    return ok;
}

/* %d %i %u %x %X %o. Floats are accepted (and truncated) by the decimal ones only, as in CPython. */
static bool format_integer(Vm *vm, StrBuf *out, const Spec *spec, char conversion, Value arg) {
    bool decimal = conversion == 'd' || conversion == 'i' || conversion == 'u';
    char digits[400]; /* %.0f of the largest double has 309 digits */
    bool negative;
    if (IS_BIGINT(arg)) return format_bigint(vm, out, spec, conversion, arg);
    if (IS_INT(arg) || IS_BOOL(arg)) {
        int64_t i = IS_INT(arg) ? AS_INT(arg) : AS_BOOL(arg);
        negative = i < 0;
        unsigned long long magnitude = negative ? -(uint64_t)i : (uint64_t)i;
        if (decimal) {
            decimal_digits(magnitude, digits);
        } else {
            snprintf(digits, sizeof digits, conversion == 'o' ? "%llo" : conversion == 'x' ? "%llx" : "%llX", magnitude);
        }
    } else if (IS_FLOAT(arg) && decimal) {
        double f = AS_FLOAT(arg);
        if (isnan(f)) return vm_raise(vm, EXC_VALUE_ERROR, "cannot convert float NaN to integer");
        if (isinf(f)) return vm_raise(vm, EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer");
        double whole = trunc(fabs(f));
        negative = f < 0 && whole != 0.0; /* -0.5 truncates to 0, which has no sign */
        snprintf(digits, sizeof digits, "%.0f", whole); /* exact: whole is an integer */
    } else if (decimal) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%%%c format: a real number is required, not %s", conversion,
                        value_type_name(arg));
    } else {
        return vm_raise(vm, EXC_TYPE_ERROR, "%%%c format: an integer is required, not %s", conversion,
                        value_type_name(arg));
    }
    return emit_integer(vm, out, spec, conversion, negative, digits, strlen(digits));
}

/* The sign, the 0x/0o of %#x/%#o, the zeros of a precision and the padding around [ndigits] digits. */
static bool emit_integer(Vm *vm, StrBuf *out, const Spec *spec, char conversion, bool negative,
                         const char *digits, size_t ndigits) {
    bool decimal = conversion == 'd' || conversion == 'i' || conversion == 'u';
    char prefix[4] = {0};
    int p = 0;
    if (negative) {
        prefix[p++] = '-';
    } else if (spec->plus || spec->space) {
        prefix[p++] = spec->plus ? '+' : ' ';
    }
    if (spec->alt && !decimal) {
        prefix[p++] = '0';
        prefix[p++] = conversion == 'o' ? 'o' : conversion;
    }
    StrBuf body;
    strbuf_init(&body);
    if (spec->precision > 0 && (uint64_t)spec->precision > ndigits) {
        strbuf_append_repeated_char(vm, &body, '0', (size_t)spec->precision - ndigits);
    }
    strbuf_append(vm, &body, digits, ndigits);
    if (!body.failed) emit_padded(vm, out, spec, prefix, body.chars, body.length, true);
    bool ok = !body.failed;
    strbuf_free(vm, &body);
    return ok;
}

/* A double's exact decimal expansion has at most 767 significant digits and 1074 digits after the point,
 * so every digit past this many is a zero. printf is never asked for more: glibc would build all of a
 * '%.2000000000f' in its own memory, outside --max-memory and deaf to --timeout. */
#define FLOAT_EXACT_DIGITS 1100

/* %e %E %f %F %g %G: C's printf does the digits (glibc rounds correctly, as CPython's dtoa does), at most
 * FLOAT_EXACT_DIGITS of them; the zeros past those are appended here. The sign is taken off so padding
 * can put zeros after it. */
static bool format_float(Vm *vm, StrBuf *out, const Spec *spec, char conversion, Value arg) {
    if (!IS_FLOAT(arg) && !IS_INT(arg) && !IS_BOOL(arg)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "must be real number, not %s", value_type_name(arg));
    }
    double f = IS_FLOAT(arg) ? AS_FLOAT(arg) : (double)(IS_INT(arg) ? AS_INT(arg) : AS_BOOL(arg));
    bool negative = !isnan(f) && signbit(f);
    char prefix[2] = {negative ? '-' : spec->plus ? '+' : spec->space ? ' ' : '\0', '\0'};
    int64_t precision = spec->precision < 0 ? 6 : spec->precision;
    int asked = precision > FLOAT_EXACT_DIGITS ? FLOAT_EXACT_DIGITS : (int)precision;
    /* %g without '#' drops trailing zeros, and its choice of style depends only on the exponent (at most
     * 308, below the cap), so it needs no zeros back. */
    bool keeps_zeros = !(conversion == 'g' || conversion == 'G') || spec->alt;
    size_t zeros = isfinite(f) && keeps_zeros ? (size_t)(precision - asked) : 0;
    char form[8], text[FLOAT_EXACT_DIGITS + 400]; /* 309 integer digits, the point, the exponent */
    snprintf(form, sizeof form, "%%%s.*%c", spec->alt ? "#" : "", conversion);
    int n = snprintf(text, sizeof text, form, asked, fabs(f));
    if (n < 0 || (size_t)n >= sizeof text) return vm_raise(vm, EXC_VALUE_ERROR, "%s", "float formatting failed");
    if (zeros == 0) {
        emit_padded(vm, out, spec, prefix, text, (size_t)n, true);
        return !out->failed;
    }
    /* The zeros go at the end of the digits: before the exponent, if there is one. */
    const char *exponent = strpbrk(text, "eE");
    size_t digits = exponent != NULL ? (size_t)(exponent - text) : (size_t)n;
    StrBuf body;
    strbuf_init(&body);
    strbuf_append(vm, &body, text, digits);
    strbuf_append_repeated_char(vm, &body, '0', zeros);
    strbuf_append(vm, &body, text + digits, (size_t)n - digits);
    if (!body.failed) emit_padded(vm, out, spec, prefix, body.chars, body.length, true);
    bool ok = !body.failed && !out->failed;
    strbuf_free(vm, &body);
    return ok;
}

/* Reads a width or precision: digits, or '*' taking the next argument (an int). */
static bool parse_number(Vm *vm, const char *s, size_t length, size_t *i, FormatArgs *args, bool is_width,
                         int64_t *out) {
    if (*i < length && s[*i] == '*') {
        (*i)++;
        Value v = none_value();
        if (!next_arg(vm, args, &v)) return false;
        if (!IS_INT(v) && !IS_BOOL(v)) return vm_raise(vm, EXC_TYPE_ERROR, "* wants int");
        *out = IS_INT(v) ? AS_INT(v) : AS_BOOL(v);
        if (!is_width && (*out < INT32_MIN || *out > INT32_MAX)) { /* CPython reads a precision as a C int */
            return vm_raise(vm, EXC_OVERFLOW_ERROR, "Python int too large to convert to C int");
        }
        return true;
    }
    int64_t n = 0;
    while (*i < length && s[*i] >= '0' && s[*i] <= '9') {
        n = n * 10 + (s[(*i)++] - '0');
        /* CPython: widths are Py_ssize_t, precisions int. */
        if (n > (is_width ? INT64_MAX / 10 : INT32_MAX)) {
            return vm_raise(vm, EXC_VALUE_ERROR, is_width ? "width too big" : "precision too big");
        }
    }
    *out = n;
    return true;
}

/* One conversion, starting just after its '%'; *i ends past the conversion character. */
static bool format_one(Vm *vm, StrBuf *out, const ObjString *format, size_t *i, FormatArgs *args) {
    const char *s = format->chars;
    size_t length = format->length;
    if (*i < length && s[*i] == '(') return vm_raise(vm, EXC_TYPE_ERROR, "format requires a mapping");
    Spec spec = {false, false, false, false, false, -1, -1};
    for (; *i < length; (*i)++) {
        char c = s[*i];
        if (c == '-') spec.left = true;
        else if (c == '+') spec.plus = true;
        else if (c == ' ') spec.space = true;
        else if (c == '#') spec.alt = true;
        else if (c == '0') spec.zero = true;
        else break;
    }
    if (!parse_number(vm, s, length, i, args, true, &spec.width)) return false;
    if (spec.width < 0) { /* a negative '*' width means left-justify */
        spec.left = true;
        spec.width = spec.width == INT64_MIN ? 0 : -spec.width; /* CPython's negation wraps: no padding */
    }
    if (*i < length && s[*i] == '.') {
        (*i)++;
        if (!parse_number(vm, s, length, i, args, false, &spec.precision)) return false;
        if (spec.precision < 0) spec.precision = 0;
    }
    if (*i < length && (s[*i] == 'h' || s[*i] == 'l' || s[*i] == 'L')) (*i)++; /* C length modifiers: ignored */
    if (*i >= length) return vm_raise(vm, EXC_VALUE_ERROR, "incomplete format");
    size_t at = *i;
    uint32_t conversion = str_next_code_point(s, i);
    Value arg;
    if (!next_arg(vm, args, &arg)) return false; /* CPython takes the argument before it checks the letter */
    switch (conversion) {
    case 's':
    case 'r':
    case 'a': return format_text(vm, out, &spec, (char)conversion, arg);
    case 'c': return format_char(vm, out, &spec, arg);
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o': return format_integer(vm, out, &spec, (char)conversion, arg);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': return format_float(vm, out, &spec, (char)conversion, arg);
    default:
        return vm_raise(vm, EXC_VALUE_ERROR, "unsupported format character '%c' (0x%x) at index %zu",
                        conversion >= 32 && conversion < 127 ? (char)conversion : '?', conversion,
                        count_code_points(s, at));
    }
}

static bool format_all(Vm *vm, StrBuf *out, const ObjString *format, FormatArgs *args) {
    const char *s = format->chars;
    size_t length = format->length, i = 0;
    while (i < length) {
        const char *percent = memchr(s + i, '%', length - i);
        size_t literal_end = percent != NULL ? (size_t)(percent - s) : length;
        strbuf_append(vm, out, s + i, literal_end - i);
        i = literal_end;
        if (i >= length) break;
        i++; /* past the '%' */
        if (i < length && s[i] == '%') { /* only an immediate %% is a literal; '%5%' is an error */
            strbuf_append(vm, out, "%", 1);
            i++;
        } else if (!format_one(vm, out, format, &i, args)) {
            return false;
        }
    }
    if (args->next < args->count && !args->is_mapping) {
        return vm_raise(vm, EXC_TYPE_ERROR, "not all arguments converted during string formatting");
    }
    return !out->failed;
}

bool str_format(Vm *vm, ObjString *format, Value args, Value *result) {
    FormatArgs fa = {NULL, 1, 0, IS_LIST(args) || IS_RANGE(args)};
    if (IS_TUPLE(args)) {
        fa.items = AS_TUPLE(args)->items;
        fa.count = AS_TUPLE(args)->count;
    } else {
        fa.items = &args;
    }
    vm_push_root(vm, obj_value(&format->obj));
    vm_push_root(vm, args);
    StrBuf out;
    strbuf_init(&out);
    ObjString *s = format_all(vm, &out, format, &fa) ? string_copy(vm, out.chars, out.length) : NULL;
    strbuf_free(vm, &out);
    vm_pop_root(vm);
    vm_pop_root(vm);
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}
