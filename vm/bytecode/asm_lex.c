/* asm_lex.c: the assembler's tokens: error messages, words, numbers, strings, names and constant literals.
 *
 * asm.c calls these to read the operands and directives of a statement (the syntax is at the top of
 * asm.c); each scans from the cursor p->cur and, on a mistake, fails with a message located at the
 * token (asm_fail_at). No input can make them read past p->end. Constants are built as they are read
 * (strs, tuples, code references); the GC waits meanwhile (asm_assemble pauses it).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "core/unicode.h"
#include "bytecode/asm_internal.h"

/* --- Errors ----------------------------------------------------------------------------------------- */

bool asm_fail_at(Parser *p, Pos pos, const char *format, ...) {
    if (p->failed || p->quiet) {
        p->failed = true;
        return false;
    }
    p->failed = true;
    if (p->error_size == 0) return false;
    int n = snprintf(p->error, p->error_size, "%s:%u:%u: error: ", p->filename, pos.line, pos.col);
    if (n >= 0 && (size_t)n < p->error_size) {
        va_list args;
        va_start(args, format);
        vsnprintf(p->error + n, p->error_size - (size_t)n, format, args);
        va_end(args);
    }
    return false;
}

bool asm_fail_memory(Parser *p) { return fail(p, "out of memory"); }

/* --- Lexing ----------------------------------------------------------------------------------------- */

bool asm_is_word(const char *chars, size_t length) {
    if (length == 0 || !is_word_start((unsigned char)chars[0])) return false;
    for (size_t i = 1; i < length; i++) {
        if (!is_word_char((unsigned char)chars[i])) return false;
    }
    return true;
}

/* Describes the character at the cursor for a message: 'x', or a byte value when not printable. */
static const char *describe_char(const Parser *p, char out[16]) {
    int c = peek(p);
    if (c == -1) snprintf(out, 16, "end of file");
    else if (c == '\n') snprintf(out, 16, "end of line");
    else if (c >= 0x20 && c < 0x7f) snprintf(out, 16, "'%c'", c);
    else snprintf(out, 16, "byte 0x%02x", c);
    return out;
}

bool asm_fail_expected(Parser *p, const char *what) {
    char found[16];
    return fail(p, "expected %s, found %s", what, describe_char(p, found));
}

bool asm_scan_word(Parser *p, const char **word, uint32_t *length) {
    if (!is_word_start(peek(p))) return false;
    const char *start = p->cur;
    while (is_word_char(peek(p))) p->cur++;
    *word = start;
    *length = (uint32_t)(p->cur - start);
    return true;
}

bool asm_expect_char(Parser *p, int c, const char *what) {
    if (peek(p) != c) return asm_fail_expected(p, what);
    p->cur++;
    return true;
}

/* --- Numbers ---------------------------------------------------------------------------------------- */

static int digit_value(int c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* magnitude := digits | 0x hexdigits | 0o octdigits | 0b bindigits, with '_' allowed between digits.
 * Sets *too_big when the value does not fit 64 bits. [pos] is where the literal started, for messages. */
static bool scan_magnitude(Parser *p, Pos pos, uint64_t *out, bool *too_big) {
    if (!is_digit(peek(p))) return asm_fail_expected(p, "a number");
    int base = 10;
    int prefix = peek_next(p) | 0x20; /* lower case */
    if (peek(p) == '0' && (prefix == 'x' || prefix == 'o' || prefix == 'b')) {
        base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
        p->cur += 2;
        if (peek(p) == '_') p->cur++; /* Python allows 0x_ff */
    }
    uint64_t magnitude = 0;
    int digits = 0;
    for (;;) {
        int c = peek(p);
        if (c == '_' && digits > 0 && digit_value(peek_next(p)) < base) {
            p->cur++;
            continue;
        }
        int d = digit_value(c);
        if (d >= base) break;
        if (magnitude > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) *too_big = true;
        magnitude = magnitude * (uint64_t)base + (uint64_t)d;
        digits++;
        p->cur++;
    }
    if (digits == 0 || is_word_char(peek(p)) || is_digit(peek(p)))
        return asm_fail_at(p, pos, "invalid integer literal");
    *out = magnitude;
    return true;
}

/* integer := ['-'] magnitude, within int64 */
static bool scan_integer(Parser *p, int64_t *out) {
    Pos pos = here(p);
    bool negative = peek(p) == '-';
    if (negative) p->cur++;
    uint64_t magnitude = 0;
    bool too_big = false;
    if (!scan_magnitude(p, pos, &magnitude, &too_big)) return false;
    if (too_big || magnitude > (negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX)) {
        return asm_fail_at(p, pos, "integer out of range");
    }
    *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    return true;
}

/* An int constant: an integer, or one of any size outside int64 (a big int, objects/bigint.h). */
static bool scan_int_constant(Parser *p, Value *out) {
    Pos pos = here(p);
    const char *start = p->cur;
    bool negative = peek(p) == '-';
    if (negative) p->cur++;
    uint64_t magnitude = 0;
    bool too_big = false;
    if (!scan_magnitude(p, pos, &magnitude, &too_big)) return false;
    if (!too_big && magnitude <= (negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX)) {
        *out = int_value(negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude);
        return true;
    }
    if (bigint_parse_literal(p->vm, start, (size_t)(p->cur - start), out)) return true;
    asm_fail_at(p, pos, "%s", p->vm->exc_message); /* the digit limit, or MemoryError's empty message */
    vm_clear_error(p->vm);
    return false;
}

bool asm_scan_u32(Parser *p, const char *what, uint32_t *out) {
    if (!is_digit(peek(p))) return asm_fail_expected(p, what);
    Pos pos = here(p);
    int64_t value = 0;
    if (!scan_integer(p, &value)) return false;
    if (value > (int64_t)UINT32_MAX) return asm_fail_at(p, pos, "%s out of range", what);
    *out = (uint32_t)value;
    return true;
}

static bool is_float_literal(const Parser *p) {
    const char *s = p->cur;
    if (s < p->end && *s == '-') s++;
    if (s + 1 < p->end && s[0] == '0' && strchr("xXoObB", s[1]) != NULL) return false;
    while (s < p->end && (is_digit((unsigned char)*s) || *s == '_')) s++;
    return s < p->end && (*s == '.' || *s == 'e' || *s == 'E');
}

/* float := ['-'] digits '.' [digits] [exponent] | ['-'] digits exponent;  exponent := (e|E) [+|-] digits */
static bool scan_float(Parser *p, double *out) {
    Pos pos = here(p);
    char buffer[512];
    size_t n = 0;
    int mantissa_digits = 0, exponent_digits = 0;
    bool in_exponent = false;
    for (;;) {
        int c = peek(p);
        bool take = is_digit(c) || (c == '_' && is_digit(peek_next(p)) && n > 0) ||
                    (c == '-' && (n == 0 || (in_exponent && (buffer[n - 1] | 0x20) == 'e'))) ||
                    (c == '+' && in_exponent && (buffer[n - 1] | 0x20) == 'e') ||
                    (c == '.' && !in_exponent && memchr(buffer, '.', n) == NULL) ||
                    ((c | 0x20) == 'e' && !in_exponent && mantissa_digits > 0);
        if (!take) break;
        p->cur++;
        if (c == '_') continue;
        if ((c | 0x20) == 'e') in_exponent = true;
        if (is_digit(c)) *(in_exponent ? &exponent_digits : &mantissa_digits) += 1;
        if (n + 1 >= sizeof buffer) return asm_fail_at(p, pos, "number literal too long");
        buffer[n++] = (char)c;
    }
    buffer[n] = '\0';
    if (mantissa_digits == 0 || (in_exponent && exponent_digits == 0) || is_word_char(peek(p)) || peek(p) == '.') {
        return asm_fail_at(p, pos, "invalid float literal");
    }
    *out = strtod(buffer, NULL); /* too large gives inf, as Python's float('1e999') */
    return true;
}

/* --- Strings and names ------------------------------------------------------------------------------ */

static bool append_text(Parser *p, const char *bytes, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        if (!APPEND(p, p->text, p->ntext, p->text_cap, bytes[i])) return false;
    }
    return true;
}

/* escape := \\ \" \' \n \t \r \0 \a \b \f \v | \x HH | \u HHHH | \U HHHHHHHH  (a code point, as Python) */
static bool scan_escape(Parser *p, bool bytes) {
    Pos pos = here(p);
    p->cur++; /* the backslash */
    int c = peek(p);
    static const char from[] = "\\\"'ntr0abfv", to[] = "\\\"'\n\t\r\0\a\b\f\v";
    const char *simple = c > 0 ? memchr(from, c, sizeof from - 1) : NULL;
    if (simple != NULL) {
        p->cur++;
        return append_text(p, &to[simple - from], 1);
    }
    int digits = c == 'x' ? 2 : bytes ? 0 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits == 0) {
        if (c == -1 || c == '\n') return asm_fail_at(p, pos, "unterminated string");
        return asm_fail_at(p, pos, "invalid escape sequence '\\%c'", c >= 0x20 && c < 0x7f ? c : '?');
    }
    p->cur++;
    uint32_t cp = 0;
    for (int i = 0; i < digits; i++) {
        int d = digit_value(peek(p));
        if (d >= 16) return asm_fail_at(p, pos, "escape '\\%c' needs %d hex digits", c, digits);
        cp = cp * 16 + (uint32_t)d;
        p->cur++;
    }
    if (bytes) { /* b"\xff": one byte */
        char byte = (char)cp;
        return append_text(p, &byte, 1);
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return asm_fail_at(p, pos, "escape gives an invalid code point U+%04X", cp);
    }
    char utf8[4];
    return append_text(p, utf8, (uint32_t)utf8_encode(cp, utf8));
}

bool asm_scan_string(Parser *p, ObjString **out) {
    Pos pos = here(p);
    char quote = *p->cur++;
    p->ntext = 0;
    for (;;) {
        int c = peek(p);
        if (c == -1 || c == '\n') return asm_fail_at(p, pos, "unterminated string");
        if (c == quote) break;
        if (c == '\\') {
            if (!scan_escape(p, false)) return false;
            continue;
        }
        if (!append_text(p, p->cur, 1)) return false;
        p->cur++;
    }
    p->cur++;
    uint32_t char_count;
    if (!utf8_is_valid(p->text, p->ntext, &char_count)) return asm_fail_at(p, pos, "string is not valid UTF-8");
    *out = string_copy(p->vm, p->ntext ? p->text : "", p->ntext);
    return *out != NULL || asm_fail_memory(p);
}

/* bytes := 'b' string, of ASCII characters and escapes; \xNN is one byte (disasm.c writes these). */
static bool scan_bytes(Parser *p, Value *out) {
    Pos pos = here(p);
    p->cur++; /* the b */
    char quote = *p->cur++;
    p->ntext = 0;
    for (int c; (c = peek(p)) != quote;) {
        if (c == -1 || c == '\n') return asm_fail_at(p, pos, "unterminated bytes");
        if (c >= 0x80) return asm_fail_at(p, pos, "bytes can only contain ASCII characters");
        if (c == '\\' ? !scan_escape(p, true) : !append_text(p, p->cur++, 1)) return false;
    }
    p->cur++;
    ObjBytes *b = bytes_copy(p->vm, p->ntext ? p->text : "", p->ntext);
    if (b == NULL) return asm_fail_memory(p);
    *out = obj_value(&b->obj);
    return true;
}

bool asm_scan_name(Parser *p, const char *what, ObjString **out) {
    if (peek(p) == '"' || peek(p) == '\'') return asm_scan_string(p, out);
    const char *word;
    uint32_t length;
    Pos pos = here(p);
    if (!asm_scan_word(p, &word, &length)) return asm_fail_expected(p, what);
    if (!utf8_is_valid(word, length, NULL)) return asm_fail_at(p, pos, "name is not valid UTF-8");
    *out = string_copy(p->vm, word, length);
    return *out != NULL || asm_fail_memory(p);
}

/* --- Constants -------------------------------------------------------------------------------------- */

/* tuple := '(' ')' | '(' constant ',' ')' | '(' constant (',' constant)+ [','] ')' */
static bool parse_tuple(Parser *p, int depth, Value *out) {
    if (depth >= MAX_TUPLE_DEPTH) return fail(p, "tuple constants nest at most %d deep", MAX_TUPLE_DEPTH);
    Pos pos = here(p);
    p->cur++;
    Value *items = NULL;
    uint32_t count = 0, capacity = 0;
    bool ok = true, trailing_comma = false;
    skip_space(p);
    while (ok && peek(p) != ')') {
        Value item;
        ok = asm_parse_constant(p, depth + 1, &item) && APPEND(p, items, count, capacity, item);
        skip_space(p);
        trailing_comma = ok && peek(p) == ',';
        if (trailing_comma) {
            p->cur++;
            skip_space(p);
        } else if (ok && peek(p) != ')') {
            ok = asm_fail_expected(p, "',' or ')'");
        }
    }
    if (ok && count == 1 && !trailing_comma)
        ok = asm_fail_at(p, pos, "a one-element tuple needs a trailing comma: (x,)");
    if (ok) {
        p->cur++;
        ObjTuple *tuple = tuple_new(p->vm, count);
        if (tuple == NULL) ok = asm_fail_memory(p);
        for (uint32_t i = 0; ok && i < count; i++) tuple->items[i] = items[i];
        if (ok) *out = obj_value(&tuple->obj);
    }
    free(items);
    return ok;
}

/* function_ref := '@' (name | index) */
static bool parse_function_ref(Parser *p, Value *out) {
    Pos pos = here(p);
    p->cur++;
    uint32_t index;
    if (is_digit(peek(p))) {
        if (!asm_scan_u32(p, "a function index", &index)) return false;
        if (index >= p->ncodes) return asm_fail_at(p, pos, "no function @%u: the file has %u", index, p->ncodes);
    } else {
        ObjString *name;
        if (!asm_scan_name(p, "a function name or index after '@'", &name)) return false;
        int64_t found = asm_find_function(p, name);
        if (found < 0) return asm_fail_at(p, pos, "unknown function '%.*s'", SHOWN(name->length), name->chars);
        index = (uint32_t)found;
    }
    /* bytecode.h: a program runs its module body once; nothing may make a function of it */
    if (index == 0) return asm_fail_at(p, pos, "a code constant cannot refer to the module body");
    *out = obj_value(&p->codes[index]->obj);
    return true;
}

/* f64_bits := 'f64:' magnitude   (the IEEE-754 bits of a float: NaNs that no literal spells) */
static bool parse_float_bits(Parser *p, Value *out) {
    if (!asm_expect_char(p, ':', "':' after f64")) return false;
    uint64_t bits = 0;
    bool too_big = false;
    Pos pos = here(p);
    if (!scan_magnitude(p, pos, &bits, &too_big)) return false;
    if (too_big) return asm_fail_at(p, pos, "integer out of range");
    *out = (Value){.type = VAL_FLOAT, .as.bits = bits};
    return true;
}

bool asm_parse_constant(Parser *p, int depth, Value *out) {
    int c = peek(p);
    if (c == '"' || c == '\'') {
        ObjString *s;
        if (!asm_scan_string(p, &s)) return false;
        *out = obj_value(&s->obj);
        return true;
    }
    if (c == '(') return parse_tuple(p, depth, out);
    if (c == '@') return parse_function_ref(p, out);
    if (c == 'b' && (peek_next(p) == '"' || peek_next(p) == '\'')) return scan_bytes(p, out);
    bool negative = c == '-';
    if (is_digit(c) || (negative && is_digit(peek_next(p)))) {
        if (is_float_literal(p)) {
            double d;
            if (!scan_float(p, &d)) return false;
            *out = float_value(d);
            return true;
        }
        return scan_int_constant(p, out);
    }
    Pos pos = here(p);
    if (negative) p->cur++;
    const char *word;
    uint32_t length;
    if (!asm_scan_word(p, &word, &length)) {
        if (negative) p->cur--;
        return asm_fail_expected(p, "a constant");
    }
    if (word_is(word, length, "inf")) *out = float_value(negative ? -INFINITY : INFINITY);
    else if (word_is(word, length, "nan")) *out = float_value(negative ? -NAN : NAN);
    else if (negative) return asm_fail_at(p, pos, "expected a number after '-'");
    else if (word_is(word, length, "None")) *out = none_value();
    else if (word_is(word, length, "True")) *out = bool_value(true);
    else if (word_is(word, length, "False")) *out = bool_value(false);
    else if (word_is(word, length, "Ellipsis")) *out = obj_value(p->vm->ellipsis);
    else if (word_is(word, length, "f64")) return parse_float_bits(p, out);
    else return asm_fail_at(p, pos, "expected a constant, found '%.*s'", SHOWN(length), word);
    return true;
}
