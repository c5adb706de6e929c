/* format.c: values as text: str(), repr(), float repr and printf-style `str % args`.
 *
 * print and str() (builtins.c), error messages and BINARY_OP's `%` (arith.c) come here. Text is built in a
 * StrBuf, whose memory comes from the VM's allocator but is no GC object, so a collection during
 * formatting never moves or frees it. Invariant: output matches CPython 3.11 byte for byte.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/unicode.h"
#include "ops/runtime.h"

static bool no_memory(Vm *vm) { return vm_raise(vm, EXC_MEMORY_ERROR, "%s", ""); }

/* --- StrBuf -------------------------------------------------------------------------------------------- */

/* A str's length is 32-bit (ObjString), so no buffer needs to grow past that. */
#define STRBUF_MAX ((size_t)UINT32_MAX - 1)

void strbuf_init(StrBuf *b) {
    b->chars = b->small;
    b->chars[0] = '\0';
    b->length = 0;
    b->capacity = sizeof b->small;
    b->failed = false;
}

void strbuf_free(Vm *vm, StrBuf *b) {
    if (b->chars != b->small) vm_reallocate(vm, b->chars, b->capacity, 0);
    strbuf_init(b);
}

/* Makes room for [extra] more bytes plus the NUL kept after them; false (and b->failed) when memory
 * runs out, after which every append is a no-op so callers may check once at the end. */
static bool reserve(Vm *vm, StrBuf *b, size_t extra) {
    if (b->failed) return false;
    if (b->capacity > b->length + extra) return true;
    if (extra > STRBUF_MAX - b->length) {
        b->failed = true;
        return no_memory(vm);
    }
    size_t need = b->length + extra + 1, capacity = b->capacity < 64 ? 64 : b->capacity;
    while (capacity < need) capacity *= 2;
    bool was_small = b->chars == b->small;
    char *chars = vm_reallocate(vm, was_small ? NULL : b->chars, was_small ? 0 : b->capacity, capacity);
    if (chars == NULL) {
        b->failed = true;
        return false;
    }
    if (was_small) memcpy(chars, b->small, b->length + 1);
    b->chars = chars;
    b->capacity = capacity;
    return true;
}

void strbuf_append(Vm *vm, StrBuf *b, const char *chars, size_t length) {
    if (!reserve(vm, b, length)) return;
    memcpy(b->chars + b->length, chars, length);
    b->length += length;
    b->chars[b->length] = '\0';
}

void strbuf_append_cstr(Vm *vm, StrBuf *b, const char *cstr) { strbuf_append(vm, b, cstr, strlen(cstr)); }

void strbuf_append_repeated(Vm *vm, StrBuf *b, const char *chars, size_t length, size_t count) {
    if (length == 0 || count == 0) return;
    if (count > STRBUF_MAX / length) {
        b->failed = true;
        no_memory(vm);
        return;
    }
    size_t total = length * count;
    if (!reserve(vm, b, total)) return;
    char *start = b->chars + b->length;
    memcpy(start, chars, length);
    size_t done = length;
    const size_t chunk = (size_t)1 << 20;
    while (done < total) {
        /* Copy what is already there (a whole number of copies) onto its end. */
        size_t n = done < total - done ? done : total - done;
        if (n > chunk) n = length > chunk ? length : chunk - chunk % length; /* still whole copies */
        memcpy(start + done, start, n);
        done += n;
        if (__builtin_expect(vm->interrupt != 0, 0) && done < total) {
            b->failed = true;
            rt_interrupted(vm);
            return;
        }
    }
    b->length += total;
    b->chars[b->length] = '\0';
}

/* [count] copies of [c]: padding and zeros whose number a program chooses ('%2000000000d'), through
 * strbuf_append_repeated (accounted, filled a MiB at a time so --timeout and Ctrl-C reach it). */
static void append_repeated(Vm *vm, StrBuf *b, char c, size_t count) { strbuf_append_repeated(vm, b, &c, 1, count); }

/* The decimal digits of [v] into [out] (at least 21 bytes), NUL-ended; returns how many. snprintf's "%llu"
 * gives the same through the whole printf machinery, which str(int) and "%d" run too often to afford. */
static size_t decimal_digits(uint64_t v, char *out) {
    char reversed[20];
    size_t n = 0;
    do {
        reversed[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++) out[i] = reversed[n - 1 - i];
    out[n] = '\0';
    return n;
}

/* Appends str(i). */
static void append_int(Vm *vm, StrBuf *b, int64_t i) {
    char text[24];
    size_t n = 0;
    if (i < 0) text[n++] = '-';
    n += decimal_digits(i < 0 ? -(uint64_t)i : (uint64_t)i, text + n);
    strbuf_append(vm, b, text, n);
}

static void append_format(Vm *vm, StrBuf *b, const char *format, ...) __attribute__((format(printf, 3, 4)));
static void append_format(Vm *vm, StrBuf *b, const char *format, ...) {
    char text[256]; /* callers print a few numbers and a short name */
    va_list args;
    va_start(args, format);
    int n = vsnprintf(text, sizeof text, format, args);
    va_end(args);
    if (n > 0) strbuf_append(vm, b, text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
}

/* --- Numbers ------------------------------------------------------------------------------------------- */

/* Reads [digits] x 10**[scale] back as a double: does it give [d] again? */
static bool reads_back(uint64_t digits, int scale, double d) {
    char text[40];
    snprintf(text, sizeof text, "%llue%d", (unsigned long long)digits, scale);
    return strtod(text, NULL) == d;
}

/* The digits of a [precision]-digit decimal that reads back as [d] > 0, and the exponent of its first
 * digit; 0 when there is none. C's correctly rounded %.*e gives the nearest candidate; its neighbours are
 * tried too because just above a power of two the doubles below are twice as dense, so the nearest can
 * miss while the next one up reads back (2**-24 is 5.960464477539063e-08: ...0625 rounds to ...062). */
static int digits_at_precision(double d, int precision, char digits[24], int *exponent) {
    char text[40];
    snprintf(text, sizeof text, "%.*e", precision - 1, d);
    char *e = strchr(text, 'e');
    uint64_t nearest = 0;
    for (const char *p = text; p < e; p++) {
        if (*p != '.') nearest = nearest * 10 + (uint64_t)(*p - '0');
    }
    int scale = atoi(e + 1) - (precision - 1);
    const uint64_t candidates[3] = {nearest, nearest - 1, nearest + 1};
    for (int i = 0; i < 3; i++) {
        if (candidates[i] == 0 || !reads_back(candidates[i], scale, d)) continue;
        int n = snprintf(digits, 24, "%llu", (unsigned long long)candidates[i]);
        *exponent = scale + n - 1;
        while (n > 1 && digits[n - 1] == '0') n--;
        return n;
    }
    return 0;
}

/* The shortest digits that read back as [d] > 0. 17 always suffice, and once some precision works every
 * longer one does too (the floor or ceiling there lies between d and the shorter answer), so a binary
 * search finds the shortest in 5 tries instead of up to 17. */
static int shortest_digits(double d, char digits[24], int *exponent) {
    int low = 1, high = 17;
    while (low < high) {
        int middle = (low + high) / 2;
        if (digits_at_precision(d, middle, digits, exponent) != 0) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    return digits_at_precision(d, low, digits, exponent);
}

/* Python's float repr: the shortest round-tripping digits, laid out in exponent form when the decimal
 * exponent is below -4 or at least 16, otherwise positionally with at least one digit after the point. */
void float_repr(double d, char out[32]) {
    if (isnan(d)) {
        strcpy(out, "nan");
        return;
    }
    if (isinf(d)) {
        strcpy(out, d > 0 ? "inf" : "-inf");
        return;
    }
    if (d == 0.0) {
        strcpy(out, signbit(d) ? "-0.0" : "0.0");
        return;
    }
    char digits[24];
    int exponent = 0;
    char *o = out;
    if (d < 0) *o++ = '-';
    int ndigits = shortest_digits(fabs(d), digits, &exponent);
    if (exponent < -4 || exponent >= 16) {
        *o++ = digits[0];
        if (ndigits > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, (size_t)ndigits - 1);
            o += ndigits - 1;
        }
        sprintf(o, "e%c%02d", exponent < 0 ? '-' : '+', abs(exponent));
        return;
    }
    if (exponent < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = -1; i > exponent; i--) *o++ = '0';
        memcpy(o, digits, (size_t)ndigits);
        o += ndigits;
    } else {
        for (int i = 0; i <= exponent; i++) *o++ = i < ndigits ? digits[i] : '0';
        *o++ = '.';
        if (ndigits > exponent + 1) {
            memcpy(o, digits + exponent + 1, (size_t)(ndigits - exponent - 1));
            o += ndigits - exponent - 1;
        } else {
            *o++ = '0';
        }
    }
    *o = '\0';
}

/* --- str and repr -------------------------------------------------------------------------------------- */

/* Non-ASCII code points that Python's str.isprintable() rejects (Unicode 14, as in CPython 3.11): first
 * the assigned ones (C1 controls, format characters, separators, private use), then every unassigned run
 * of 1024 or more. Shorter unassigned runs (about 1% of them) are treated as printable to keep this small. */
static const uint32_t unprintable[][2] = {
    {0x80, 0xa0}, {0xad, 0xad}, {0x600, 0x605}, {0x61c, 0x61c}, {0x6dd, 0x6dd}, {0x70f, 0x70f},
    {0x890, 0x891}, {0x8e2, 0x8e2}, {0x1680, 0x1680}, {0x180e, 0x180e}, {0x2000, 0x200f}, {0x2028, 0x202f},
    {0x205f, 0x2064}, {0x2066, 0x206f}, {0x3000, 0x3000}, {0xd7fc, 0xf8ff}, {0xfeff, 0xfeff},
    {0xfff9, 0xfffb}, {0x110bd, 0x110bd}, {0x110cd, 0x110cd}, {0x1342f, 0x143ff}, {0x1bca0, 0x1ceff},
    {0x1d173, 0x1d17a}, {0xe0001, 0xe0001}, {0xe0020, 0xe007f}, {0xe01f0, 0x10ffff},
    {0x12544, 0x12f8f}, {0x14647, 0x167ff}, {0x18d09, 0x1afef}, {0x1b2fc, 0x1bbff}, {0x1dab0, 0x1deff},
    {0x1e300, 0x1e7df}, {0x1fbfa, 0x1ffff}, {0x2ebe1, 0x2f7ff}, {0x2fa1e, 0x2ffff}, {0x3134b, 0xe00ff},
};

static bool is_printable(uint32_t cp) {
    if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
    for (size_t i = 0; i < sizeof unprintable / sizeof unprintable[0]; i++) {
        if (cp >= unprintable[i][0] && cp <= unprintable[i][1]) return false;
    }
    return true;
}

/* Decodes the code point at s[*i] (valid UTF-8, as every str is) and advances *i past it. Inlined into
 * its callers' per-character loops, as it was when it decoded by hand. */
__attribute__((always_inline)) static inline uint32_t next_code_point(const char *chars, size_t *i) {
    uint32_t cp = 0;
    int n = utf8_decode(chars + *i, utf8_char_length((uint8_t)chars[*i]), &cp);
    *i += n > 0 ? (size_t)n : 1; /* never 0 on a str's bytes; 1 keeps a loop moving on others */
    return cp;
}

/* \xNN, \uNNNN or \UNNNNNNNN: the shortest escape Python's repr and ascii() use for [cp]. */
static void append_escape(Vm *vm, StrBuf *b, uint32_t cp) {
    if (cp < 0x100) {
        append_format(vm, b, "\\x%02x", cp);
    } else if (cp < 0x10000) {
        append_format(vm, b, "\\u%04x", cp);
    } else {
        append_format(vm, b, "\\U%08x", cp);
    }
}

/* repr of a str: single quotes unless the text has ' and no ", as CPython chooses. */
static void write_string_repr(Vm *vm, StrBuf *b, const ObjString *s) {
    bool has_single = memchr(s->chars, '\'', s->length) != NULL, has_double = memchr(s->chars, '"', s->length) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    strbuf_append(vm, b, &quote, 1);
    for (size_t i = 0; i < s->length;) {
        size_t start = i;
        uint32_t cp = next_code_point(s->chars, &i);
        if (cp == (uint32_t)quote || cp == '\\') {
            char escaped[2] = {'\\', (char)cp};
            strbuf_append(vm, b, escaped, 2);
        } else if (cp == '\n') {
            strbuf_append(vm, b, "\\n", 2);
        } else if (cp == '\t') {
            strbuf_append(vm, b, "\\t", 2);
        } else if (cp == '\r') {
            strbuf_append(vm, b, "\\r", 2);
        } else if (is_printable(cp)) {
            strbuf_append(vm, b, s->chars + start, i - start);
        } else {
            append_escape(vm, b, cp);
        }
    }
    strbuf_append(vm, b, &quote, 1);
}

/* The containers being written, innermost first: a list that contains itself prints as [...], as
 * CPython's Py_ReprEnter arranges. It lives on the C stack, so no VM state is needed. */
typedef struct ReprScope {
    const Obj *obj;
    const struct ReprScope *outer;
    int depth;
} ReprScope;

static bool write_value(Vm *vm, StrBuf *b, Value v, bool as_repr, const ReprScope *scope);

static bool write_items(Vm *vm, StrBuf *b, Value v, const ReprScope *scope) {
    bool is_list = IS_LIST(v);
    const char *open = is_list ? "[" : "(", *close = is_list ? "]" : ")";
    for (const ReprScope *s = scope; s != NULL; s = s->outer) {
        if (s->obj == AS_OBJ(v)) {
            strbuf_append(vm, b, open, 1);
            strbuf_append(vm, b, "...", 3);
            strbuf_append(vm, b, close, 1);
            return !b->failed;
        }
    }
    int depth = scope != NULL ? scope->depth + 1 : 1;
    /* Each level recurses in C: a high --recursion-limit must not overflow the C stack (as calls.c). */
    if (depth > vm->recursion_limit || vm_c_stack_exhausted(vm)) {
        return vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded while getting the repr of an object");
    }
    ReprScope inner = {AS_OBJ(v), scope, depth};
    strbuf_append(vm, b, open, 1);
    /* Index afresh each time: nothing here runs Python code, but the list must not be cached. */
    uint32_t count = is_list ? AS_LIST(v)->count : AS_TUPLE(v)->count;
    for (uint32_t i = 0; i < count; i++) {
        if (i > 0) strbuf_append(vm, b, ", ", 2);
        Value item = is_list ? AS_LIST(v)->items[i] : AS_TUPLE(v)->items[i];
        if (!write_value(vm, b, item, true, &inner)) return false;
        /* print([[0] * 10**5] * 10**5) takes minutes: let --timeout and Ctrl-C stop it. */
        if (__builtin_expect(vm->interrupt != 0, 0) && !rt_interrupted(vm)) return false;
    }
    if (!is_list && count == 1) strbuf_append(vm, b, ",", 1);
    strbuf_append(vm, b, close, 1);
    return !b->failed;
}

static void write_slice_part(Vm *vm, StrBuf *b, Value v) {
    if (IS_INT(v)) {
        append_int(vm, b, AS_INT(v));
    } else if (IS_BOOL(v)) {
        strbuf_append_cstr(vm, b, AS_BOOL(v) ? "True" : "False");
    } else {
        strbuf_append_cstr(vm, b, "None");
    }
}

static const char *iterator_kind(const ObjIter *it) {
    if (IS_NONE(it->seq)) return "range_iterator";
    if (IS_LIST(it->seq)) return "list_iterator";
    if (IS_TUPLE(it->seq)) return "tuple_iterator";
    const ObjString *s = AS_STRING(it->seq);
    return s->length == s->char_count ? "str_ascii_iterator" : "str_iterator"; /* CPython 3.11's split */
}

static bool write_object(Vm *vm, StrBuf *b, Value v, bool as_repr, const ReprScope *scope) {
    Obj *obj = AS_OBJ(v);
    switch (obj->type) {
    case OBJ_STRING:
        if (as_repr) {
            write_string_repr(vm, b, AS_STRING(v));
        } else {
            strbuf_append(vm, b, AS_STRING(v)->chars, AS_STRING(v)->length);
        }
        break;
    case OBJ_LIST:
    case OBJ_TUPLE: return write_items(vm, b, v, scope);
    case OBJ_CODE: {
        ObjCode *code = AS_CODE(v);
        append_format(vm, b, "<code object %.100s at %p, file \"%.100s\", line %u>", code->name ? code->name->chars : "?",
                      (void *)obj, code->source ? code->source->chars : "?", code->nlines ? code->lines[0].line : 0);
        break;
    }
    case OBJ_FUNCTION: {
        ObjString *name = AS_FUNCTION(v)->code->name;
        append_format(vm, b, "<function %.200s at %p>", name ? name->chars : "?", (void *)obj);
        break;
    }
    case OBJ_BUILTIN: append_format(vm, b, "<built-in function %.200s>", AS_BUILTIN(v)->name); break;
    case OBJ_MODULE: append_format(vm, b, "<module '%.200s' (built-in)>", AS_MODULE(v)->name->chars); break;
    case OBJ_RANGE: {
        ObjRange *r = AS_RANGE(v);
        append_format(vm, b, "range(%lld, %lld", (long long)r->start, (long long)r->stop);
        if (r->step != 1) append_format(vm, b, ", %lld", (long long)r->step);
        strbuf_append(vm, b, ")", 1);
        break;
    }
    case OBJ_ITER: append_format(vm, b, "<%s object at %p>", iterator_kind(AS_ITER(v)), (void *)obj); break;
    case OBJ_SLICE: {
        ObjSlice *s = AS_SLICE(v);
        strbuf_append_cstr(vm, b, "slice(");
        write_slice_part(vm, b, s->start);
        strbuf_append(vm, b, ", ", 2);
        write_slice_part(vm, b, s->stop);
        strbuf_append(vm, b, ", ", 2);
        write_slice_part(vm, b, s->step);
        strbuf_append(vm, b, ")", 1);
        break;
    }
    }
    return !b->failed;
}

static bool write_value(Vm *vm, StrBuf *b, Value v, bool as_repr, const ReprScope *scope) {
    char text[32];
    switch (v.type) {
    case VAL_NONE: strbuf_append(vm, b, "None", 4); break;
    case VAL_BOOL: strbuf_append_cstr(vm, b, AS_BOOL(v) ? "True" : "False"); break;
    case VAL_INT: append_int(vm, b, AS_INT(v)); break;
    case VAL_FLOAT:
        float_repr(AS_FLOAT(v), text);
        strbuf_append_cstr(vm, b, text);
        break;
    case VAL_OBJ: return write_object(vm, b, v, as_repr, scope);
    default: strbuf_append_cstr(vm, b, "<undefined>"); break; /* never a Python value; seen only in debugging */
    }
    return !b->failed;
}

/* Growing the buffer may collect, and callers need not hold [v] anywhere the GC looks: root it here. */
static bool write_rooted(Vm *vm, StrBuf *b, Value v, bool as_repr) {
    vm_push_root(vm, v);
    bool ok = write_value(vm, b, v, as_repr, NULL);
    vm_pop_root(vm);
    return ok;
}

bool value_write_str(Vm *vm, StrBuf *b, Value v) { return write_rooted(vm, b, v, false); }
bool value_write_repr(Vm *vm, StrBuf *b, Value v) { return write_rooted(vm, b, v, true); }

ObjString *value_to_string(Vm *vm, Value v) {
    if (IS_STRING(v)) return AS_STRING(v);
    StrBuf b;
    strbuf_init(&b);
    ObjString *s = value_write_str(vm, &b, v) ? string_copy(vm, b.chars, b.length) : NULL;
    strbuf_free(vm, &b);
    return s;
}

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
    if (!spec->left && !zeros) append_repeated(vm, out, ' ', pad);
    strbuf_append(vm, out, prefix, prefix_length);
    if (zeros) append_repeated(vm, out, '0', pad);
    strbuf_append(vm, out, body, length);
    if (spec->left) append_repeated(vm, out, ' ', pad);
}

/* ascii(v), for %a: repr(v) with every non-ASCII character escaped, which is how CPython defines it. */
static void write_ascii(Vm *vm, StrBuf *b, Value v) {
    StrBuf text;
    strbuf_init(&text);
    value_write_repr(vm, &text, v);
    for (size_t i = 0; i < text.length;) {
        size_t start = i;
        uint32_t cp = next_code_point(text.chars, &i);
        if (cp < 0x80) {
            strbuf_append(vm, b, text.chars + start, 1);
        } else {
            append_escape(vm, b, cp);
        }
    }
    if (text.failed) b->failed = true;
    strbuf_free(vm, &text);
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
        write_ascii(vm, &text, arg);
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

/* %d %i %u %x %X %o. Floats are accepted (and truncated) by the decimal ones only, as in CPython. */
static bool format_integer(Vm *vm, StrBuf *out, const Spec *spec, char conversion, Value arg) {
    bool decimal = conversion == 'd' || conversion == 'i' || conversion == 'u';
    char digits[400]; /* %.0f of the largest double has 309 digits */
    bool negative;
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
    size_t ndigits = strlen(digits);
    if (spec->precision > 0 && (uint64_t)spec->precision > ndigits) {
        append_repeated(vm, &body, '0', (size_t)spec->precision - ndigits);
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
    append_repeated(vm, &body, '0', zeros);
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
    uint32_t conversion = next_code_point(s, i);
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

bool rt_format(Vm *vm, ObjString *format, Value args, Value *result) {
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
