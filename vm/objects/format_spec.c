/* format_spec.c: the format-spec mini-language (format_spec.h) for int, float and str.
 *
 * Every number is laid out in four parts, as CPython's calc_number_widths does: the sign, a prefix (0x),
 * the integer digits (which grouping separates) and the rest (the fraction, an exponent, '%'). Padding
 * goes around them by the alignment; '=' puts it after sign and prefix, and zero padding ('0' fill with
 * '=') grows the integer digits instead, so grouping reaches into the zeros: format(1234, '09,') is
 * '0,001,234'. Float digits come from the C library (glibc rounds exactly, as CPython's dtoa does).
 *
 * The file is ordered: parsing, the shared number layout, ints, floats, strs, then format_value.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/unicode.h"
#include "core/vm.h"
#include "objects/format_spec.h"
#include "objects/object.h"

/* --- Parsing ------------------------------------------------------------------------------------------ */

static bool is_align(char c) { return c == '<' || c == '>' || c == '=' || c == '^'; }

/* A decimal number at s[*i], if any: -1 when there is none; false (ValueError) past int64. */
static bool parse_count(Vm *vm, const char *s, size_t n, size_t *i, int64_t *out) {
    *out = -1;
    int64_t value = 0;
    size_t start = *i;
    for (; *i < n && s[*i] >= '0' && s[*i] <= '9'; (*i)++) {
        if (value > (INT64_MAX - 9) / 10) return vm_raise(vm, EXC_VALUE_ERROR, "Too many decimal digits in format string");
        value = value * 10 + (s[*i] - '0');
    }
    if (*i > start) *out = value;
    return true;
}

static bool both_separators(Vm *vm) { return vm_raise(vm, EXC_VALUE_ERROR, "Cannot specify both ',' and '_'."); }

/* ',' or '_' is allowed with the decimal and float types; '_' also with b, o, x and X (PEP 515). */
static bool check_grouping(Vm *vm, const FormatSpec *f) {
    if (f->grouping == 0 || strchr("defgEFG%", f->type) != NULL) return true; /* strchr finds type 0 too */
    if (f->grouping == '_' && strchr("boxX", f->type) != NULL) return true;
    if (f->type > 32 && f->type < 127) {
        return vm_raise(vm, EXC_VALUE_ERROR, "Cannot specify '%c' with '%c'.", f->grouping, f->type);
    }
    return vm_raise(vm, EXC_VALUE_ERROR, "Cannot specify '%c' with '\\x%x'.", f->grouping, (unsigned char)f->type);
}

bool format_spec_parse(Vm *vm, const char *s, size_t n, Value v, FormatSpec *f) {
    *f = (FormatSpec){.fill = " ", .fill_length = 1, .width = -1, .precision = -1};
    size_t i = 0;
    uint32_t cp;
    int first = n > 0 ? utf8_decode(s, n, &cp) : 0;
    if (first > 0 && (size_t)first < n && is_align(s[first])) {
        memcpy(f->fill, s, (size_t)first);
        f->fill_length = (uint8_t)first;
        f->fill_given = true;
        f->align = s[first];
        i = (size_t)first + 1;
    } else if (n > 0 && is_align(s[0])) {
        f->align = s[i++];
    }
    if (i < n && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) f->sign = s[i++];
    if (i < n && s[i] == 'z') f->no_neg_zero = true, i++;
    if (i < n && s[i] == '#') f->alternate = true, i++;
    if (!f->fill_given && i < n && s[i] == '0') {
        /* '0' before the width: zero fill, and '=' alignment unless one was given (numbers only). */
        f->fill[0] = '0';
        f->fill_length = 1;
        f->fill_given = true;
        if (f->align == 0 && !IS_STRING(v)) f->align = '=';
        i++;
    }
    if (!parse_count(vm, s, n, &i, &f->width)) return false;
    if (i < n && (s[i] == ',' || s[i] == '_')) {
        f->grouping = s[i++];
        if (i < n && (s[i] == ',' || s[i] == '_')) return both_separators(vm);
    }
    if (i < n && s[i] == '.') {
        i++;
        if (!parse_count(vm, s, n, &i, &f->precision)) return false;
        if (f->precision < 0) return vm_raise(vm, EXC_VALUE_ERROR, "Format specifier missing precision");
    }
    if (n - i > 1) {
        return vm_raise(vm, EXC_VALUE_ERROR, "Invalid format specifier '%.*s' for object of type '%s'", (int)n, s,
                        value_type_name(v));
    }
    if (i < n) f->type = s[i];
    /* The default types, which the errors name: "Cannot specify ',' with 's'." */
    if (f->type == 0 && IS_STRING(v)) f->type = 's';
    if (f->type == 0 && !IS_FLOAT(v)) f->type = 'd';
    return check_grouping(vm, f);
}

/* --- The number layout ---------------------------------------------------------------------------------- */

/* The integer digits [digits] grouped by [sep] every [group], grown with zeros to [min_width] characters
 * (never starting with a separator), appended to [out]. */
static void append_grouped(Vm *vm, StrBuf *out, const char *digits, size_t ndigits, char sep, int group,
                           int64_t min_width) {
    char small[128];
    size_t cap = ndigits * 2 + (size_t)(min_width > 0 ? min_width : 0) + 2;
    char *buf = cap <= sizeof small ? small : VM_ALLOCATE(vm, char, cap);
    if (buf == NULL) {
        out->failed = true;
        return;
    }
    size_t at = cap, i = ndigits; /* filled from the end backwards */
    int in_group = 0;
    while (i > 0 || (int64_t)(cap - at) < min_width) {
        if (sep != 0 && in_group == group) {
            if (i == 0 && (int64_t)(cap - at) >= min_width) break;
            buf[--at] = sep;
            in_group = 0;
        }
        buf[--at] = i > 0 ? digits[--i] : '0';
        in_group++;
    }
    strbuf_append(vm, out, buf + at, cap - at);
    if (buf != small) VM_FREE_ARRAY(vm, char, buf, cap);
}

/* [count] fill characters, in one reservation (a width of 10**6 is one call, not a million). */
static void append_fill(Vm *vm, StrBuf *out, const FormatSpec *f, int64_t count) {
    if (count <= 0) return;
    if (f->fill_length == 1) strbuf_append_repeated_char(vm, out, f->fill[0], (size_t)count);
    else strbuf_append_repeated(vm, out, f->fill, f->fill_length, (size_t)count);
}

/* Lays out sign + prefix + grouped digits + rest, padded to the width by the spec's fill and alignment.
 * Without grouping or zero padding the digits go straight to [out]; otherwise they are grouped first,
 * to learn their width. */
static bool layout_number(Vm *vm, StrBuf *out, const FormatSpec *f, const char *sign, const char *prefix,
                          const char *digits, size_t ndigits, const char *rest, size_t nrest, int group) {
    char align = f->align == 0 ? '>' : f->align;
    size_t head = strlen(sign) + strlen(prefix);
    bool zero_pad = align == '=' && f->fill_length == 1 && f->fill[0] == '0';
    StrBuf grouped;
    strbuf_init(&grouped);
    if (f->grouping != 0 || zero_pad) {
        int64_t min_width = zero_pad ? f->width - (int64_t)head - (int64_t)nrest : 0;
        append_grouped(vm, &grouped, digits, ndigits, f->grouping, group, min_width);
        digits = grouped.chars;
        ndigits = grouped.length;
    }
    int64_t padding = f->width - (int64_t)(head + ndigits + nrest);
    if (padding < 0) padding = 0;
    int64_t left = align == '>' ? padding : align == '^' ? padding / 2 : 0, right = padding - left;
    if (align == '=') left = 0, right = 0;
    append_fill(vm, out, f, left);
    strbuf_append(vm, out, sign, strlen(sign));
    strbuf_append(vm, out, prefix, strlen(prefix));
    if (align == '=') append_fill(vm, out, f, padding);
    strbuf_append(vm, out, digits, ndigits);
    strbuf_append(vm, out, rest, nrest);
    append_fill(vm, out, f, right);
    bool ok = !grouped.failed && !out->failed;
    strbuf_free(vm, &grouped);
    return ok;
}

static const char *sign_text(const FormatSpec *f, bool negative) {
    if (negative) return "-";
    return f->sign == '+' ? "+" : f->sign == ' ' ? " " : "";
}

/* --- Strings (and the 'c' type) --------------------------------------------------------------------------- */

/* Pads [count] code points of text to the width; strs align left by default. */
static bool layout_text(Vm *vm, StrBuf *out, const FormatSpec *f, const char *text, size_t length, int64_t count,
                        char default_align) {
    char align = f->align == 0 ? default_align : f->align == '=' ? '>' : f->align; /* '=' only for 'c' */
    int64_t padding = f->width > count ? f->width - count : 0;
    int64_t left = align == '>' ? padding : align == '^' ? padding / 2 : 0, right = padding - left;
    append_fill(vm, out, f, left);
    strbuf_append(vm, out, text, length);
    append_fill(vm, out, f, right);
    return !out->failed;
}

static bool unknown_code(Vm *vm, char type, Value v) {
    if (type > 32 && type < 127) {
        return vm_raise(vm, EXC_VALUE_ERROR, "Unknown format code '%c' for object of type '%s'", type,
                        value_type_name(v));
    }
    return vm_raise(vm, EXC_VALUE_ERROR, "Unknown format code '\\x%x' for object of type '%s'", (unsigned char)type,
                    value_type_name(v));
}

static bool format_str(Vm *vm, StrBuf *out, const FormatSpec *f, Value v) {
    if (f->type != 's') return unknown_code(vm, f->type, v);
    if (f->sign == ' ') return vm_raise(vm, EXC_VALUE_ERROR, "Space not allowed in string format specifier");
    if (f->sign != 0) return vm_raise(vm, EXC_VALUE_ERROR, "Sign not allowed in string format specifier");
    if (f->no_neg_zero) {
        return vm_raise(vm, EXC_VALUE_ERROR, "Negative zero coercion (z) not allowed in string format specifier");
    }
    if (f->alternate) return vm_raise(vm, EXC_VALUE_ERROR, "Alternate form (#) not allowed in string format specifier");
    if (f->align == '=') return vm_raise(vm, EXC_VALUE_ERROR, "'=' alignment not allowed in string format specifier");
    const ObjString *s = AS_STRING(v);
    int64_t count = s->char_count;
    uint32_t length = s->length;
    if (f->precision >= 0 && f->precision < count) {
        count = f->precision;
        length = str_offset(s, count);
    }
    return layout_text(vm, out, f, s->chars, length, count, '<');
}

/* --- Ints ------------------------------------------------------------------------------------------------ */

static bool format_float_value(Vm *vm, StrBuf *out, const FormatSpec *f, double d, Value v);

/* The digits of [magnitude] in [base], lowercase or upper, into [buf] (at least 65 bytes); their count. */
static size_t int_digits(uint64_t magnitude, int base, bool upper, char *buf) {
    const char *alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[65];
    size_t n = 0;
    do {
        tmp[n++] = alphabet[magnitude % (uint64_t)base];
        magnitude /= (uint64_t)base;
    } while (magnitude != 0);
    for (size_t k = 0; k < n; k++) buf[k] = tmp[n - 1 - k];
    return n;
}

static bool format_int_char(Vm *vm, StrBuf *out, const FormatSpec *f, int64_t i) {
    if (f->sign != 0) return vm_raise(vm, EXC_VALUE_ERROR, "Sign not allowed with integer format specifier 'c'");
    if (f->alternate) {
        return vm_raise(vm, EXC_VALUE_ERROR, "Alternate form (#) not allowed with integer format specifier 'c'");
    }
    if (i < 0 || i > 0x10ffff) return vm_raise(vm, EXC_OVERFLOW_ERROR, "%%c arg not in range(0x110000)");
    if (i >= 0xd800 && i <= 0xdfff) return vm_raise(vm, EXC_VALUE_ERROR, "surrogate code points are not supported by cpvm");
    char utf8[4];
    int n = utf8_encode((uint32_t)i, utf8);
    return layout_text(vm, out, f, utf8, (size_t)n, 1, '>');
}

static bool format_int(Vm *vm, StrBuf *out, const FormatSpec *f, int64_t i, Value v) {
    if (strchr("eEfFgG%", f->type) != NULL) return format_float_value(vm, out, f, (double)i, v);
    if (strchr("bcdoxXn", f->type) == NULL) return unknown_code(vm, f->type, v);
    if (f->precision >= 0) return vm_raise(vm, EXC_VALUE_ERROR, "Precision not allowed in integer format specifier");
    if (f->no_neg_zero) {
        return vm_raise(vm, EXC_VALUE_ERROR, "Negative zero coercion (z) not allowed in integer format specifier");
    }
    if (f->type == 'c') return format_int_char(vm, out, f, i);
    if (f->type == 'n' && f->grouping != 0) {
        return vm_raise(vm, EXC_VALUE_ERROR, "Cannot specify '%c' with 'n'.", f->grouping);
    }
    int base = f->type == 'b' ? 2 : f->type == 'o' ? 8 : f->type == 'x' || f->type == 'X' ? 16 : 10;
    uint64_t magnitude = i < 0 ? 0 - (uint64_t)i : (uint64_t)i;
    char digits[65];
    size_t n = int_digits(magnitude, base, f->type == 'X', digits);
    const char *prefix = "";
    if (f->alternate && base != 10) {
        prefix = f->type == 'b' ? "0b" : f->type == 'o' ? "0o" : f->type == 'x' ? "0x" : "0X";
    }
    return layout_number(vm, out, f, sign_text(f, i < 0), prefix, digits, n, "", 0, base == 10 ? 3 : 4);
}

/* --- Floats ---------------------------------------------------------------------------------------------- */

/* snprintf into a buffer from the VM's allocator, sized first: '%.400f' of 1e300 is 700 bytes. */
static char *print_double(Vm *vm, const char *format, int precision, double d, size_t *size) {
    int n = snprintf(NULL, 0, format, precision, d);
    *size = (size_t)n + 1;
    char *buf = VM_ALLOCATE(vm, char, *size);
    if (buf != NULL) snprintf(buf, *size, format, precision, d);
    return buf;
}

/* 'g' (and the untyped form with a precision, [dot0]): [p] significant digits, scientific notation when
 * the exponent is below -4 or not below p (p - 1 for the untyped form, which also keeps a '.0'). */
static void general_format(Vm *vm, StrBuf *b, double d, int64_t p, bool alternate, bool dot0) {
    if (p == 0) p = 1;
    size_t size;
    char *e = print_double(vm, "%.*e", (int)(p - 1), d, &size);
    if (e == NULL) {
        b->failed = true;
        return;
    }
    char digits[1100];
    size_t nd = 0;
    char *mark = strchr(e, 'e');
    for (char *q = e; q < mark && nd < sizeof digits; q++) {
        if (*q != '.') digits[nd++] = *q;
    }
    int decpt = atoi(mark + 1) + 1;
    VM_FREE_ARRAY(vm, char, e, size);
    if (!alternate) {
        while (nd > 1 && digits[nd - 1] == '0') nd--;
    }
    bool use_exp = decpt <= -4 || decpt > (dot0 ? p - 1 : p);
    if (use_exp) {
        strbuf_append(vm, b, digits, 1);
        if (nd > 1 || alternate) strbuf_append(vm, b, ".", 1);
        strbuf_append(vm, b, digits + 1, nd - 1);
        strbuf_append_format(vm, b, "e%c%02d", decpt - 1 < 0 ? '-' : '+', abs(decpt - 1));
    } else if (decpt <= 0) {
        strbuf_append(vm, b, "0.", 2);
        strbuf_append_repeated_char(vm, b, '0', (size_t)-decpt);
        strbuf_append(vm, b, digits, nd);
    } else if ((size_t)decpt >= nd) {
        strbuf_append(vm, b, digits, nd);
        strbuf_append_repeated_char(vm, b, '0', (size_t)decpt - nd);
        if (alternate) strbuf_append(vm, b, ".", 1);
        else if (dot0) strbuf_append(vm, b, ".0", 2);
    } else {
        strbuf_append(vm, b, digits, (size_t)decpt);
        strbuf_append(vm, b, ".", 1);
        strbuf_append(vm, b, digits + decpt, nd - (size_t)decpt);
    }
}

/* '.Nf' of a non-negative [d] without printf, when that is exact: x = d * 10^p has a relative error of at
 * most 2^-53, so below 2^40 it is off by less than 2^-13, and unless x's fraction lies that close to .5
 * the nearest integer is the same for x and for the exact product, which is what correct rounding gives.
 * False when the fast path cannot answer (then printf does). f"{x:.2f}" is the common case of specs. */
static bool fixed_fast(Vm *vm, StrBuf *b, double d, int64_t p) {
    static const double powers[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (p > 9 || !(d < 1e9)) return false;
    double x = d * powers[p], whole = floor(x), fraction = x - whole;
    if (x >= 1099511627776.0 || fabs(fraction - 0.5) < 1.0 / 4096) return false;
    uint64_t r = (uint64_t)whole + (fraction > 0.5);
    char digits[24];
    size_t n = decimal_digits(r, digits), decimals = (size_t)p;
    if (n > decimals) strbuf_append(vm, b, digits, n - decimals);
    else strbuf_append(vm, b, "0", 1);
    if (decimals > 0) {
        strbuf_append(vm, b, ".", 1);
        if (n < decimals) strbuf_append_repeated_char(vm, b, '0', decimals - n); /* 0.05: zeros first */
        strbuf_append(vm, b, n < decimals ? digits : digits + n - decimals, n < decimals ? n : decimals);
    }
    return true;
}

/* The text of |d| by the spec's type and precision, before sign, grouping and padding. */
static void float_text(Vm *vm, StrBuf *b, const FormatSpec *f, double d) {
    char type = f->type;
    int64_t p = f->precision;
    if (isinf(d) || isnan(d)) {
        strbuf_append_cstr(vm, b, isnan(d) ? "nan" : "inf");
    } else if (type == 0 && p < 0) {
        char repr[32];
        float_repr(d, repr);
        char *exponent = strchr(repr, 'e');
        if (f->alternate && exponent != NULL && strchr(repr, '.') == NULL) {
            /* '#' keeps a decimal point: format(1e16, '#') is '1.e+16'. */
            strbuf_append(vm, b, repr, (size_t)(exponent - repr));
            strbuf_append(vm, b, ".", 1);
            strbuf_append_cstr(vm, b, exponent);
        } else {
            strbuf_append_cstr(vm, b, repr);
        }
    } else if (type == 0 || type == 'g' || type == 'G' || type == 'n') {
        general_format(vm, b, d, p < 0 ? 6 : p, f->alternate, type == 0);
    } else if ((type == 'f' || type == 'F') && !f->alternate && fixed_fast(vm, b, d, p < 0 ? 6 : p)) {
        /* done without printf */
    } else {
        bool fixed = type == 'f' || type == 'F' || type == '%';
        size_t size;
        char *text = print_double(vm, f->alternate ? (fixed ? "%#.*f" : "%#.*e") : (fixed ? "%.*f" : "%.*e"),
                                  (int)(p < 0 ? 6 : p), type == '%' ? d * 100 : d, &size);
        if (text == NULL) {
            b->failed = true;
            return;
        }
        strbuf_append_cstr(vm, b, text);
        VM_FREE_ARRAY(vm, char, text, size);
    }
    if (type == '%') strbuf_append(vm, b, "%", 1);
    if (type == 'E' || type == 'F' || type == 'G') {
        for (size_t k = 0; k < b->length; k++) {
            if (b->chars[k] >= 'a' && b->chars[k] <= 'z') b->chars[k] = (char)(b->chars[k] - 32);
        }
    }
}

/* True when the digits of [text] (up to an exponent) are all zeros: a -0.0 after rounding, which 'z' makes 0.0. */
static bool rounds_to_zero(const char *text) {
    for (; *text != '\0' && *text != 'e' && *text != 'E'; text++) {
        if (*text >= '1' && *text <= '9') return false;
    }
    return true;
}

static bool format_float_value(Vm *vm, StrBuf *out, const FormatSpec *f, double d, Value v) {
    if (f->type != 0 && strchr("eEfFgGn%", f->type) == NULL) return unknown_code(vm, f->type, v);
    if (f->type == 'n' && f->grouping != 0) {
        return vm_raise(vm, EXC_VALUE_ERROR, "Cannot specify '%c' with 'n'.", f->grouping);
    }
    if (f->precision > INT32_MAX / 2) return vm_raise(vm, EXC_VALUE_ERROR, "precision too big");
    bool negative = signbit(d) && !isnan(d);
    StrBuf text;
    strbuf_init(&text);
    float_text(vm, &text, f, fabs(d));
    if (text.failed) {
        strbuf_free(vm, &text);
        return false;
    }
    if (negative && f->no_neg_zero && isfinite(d) && rounds_to_zero(text.chars)) negative = false;
    size_t ndigits = strspn(text.chars, "0123456789");
    FormatSpec spec = *f;
    if (!isfinite(d)) spec.grouping = 0; /* zero padding of inf gets no separators */
    bool ok = layout_number(vm, out, &spec, sign_text(&spec, negative), "", text.chars, ndigits, text.chars + ndigits,
                            text.length - ndigits, 3);
    strbuf_free(vm, &text);
    return ok;
}

/* --- format(v, spec) ------------------------------------------------------------------------------------- */

bool format_value(Vm *vm, StrBuf *out, Value v, const char *spec, size_t length) {
    bool number = IS_INT(v) || IS_FLOAT(v) || (IS_BOOL(v) && length > 0);
    if (length == 0 && !number) return value_write_str(vm, out, v);
    if (!number && !IS_STRING(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "unsupported format string passed to %s.__format__", value_type_name(v));
    }
    FormatSpec f;
    if (!format_spec_parse(vm, spec, length, v, &f)) return false;
    if (f.width > (int64_t)UINT32_MAX) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    if (IS_STRING(v)) return format_str(vm, out, &f, v);
    if (IS_FLOAT(v)) return format_float_value(vm, out, &f, AS_FLOAT(v), v);
    return format_int(vm, out, &f, as_intlike(v), v);
}
