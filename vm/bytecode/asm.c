/* asm.c: the assembler: .cpasm text to a verified Program.
 *
 * main.c calls it for `cpvm asm` and `cpvm run FILE.cpasm`; disasm.c prints the same syntax back, and
 * the two round-trip any verified program byte for byte (assemble(disassemble(p)) writes p's bytes).
 * What it returns has passed verify.c, so it is as safe to run as a loaded .cpb file. The first mistake
 * stops assembly with one message, "FILE:LINE:COL: error: message"; no input makes it crash.
 *
 * Syntax. One statement per line; `;` starts a comment.
 *
 *   .source "fib.py"          optional, before the first function; default: the .cpasm file name
 *   .function NAME [params=N] [defaults=N] [stack=N]
 *                             starts a function; the first is the module body. Without stack=, the
 *                             depth verify.c computes is used
 *   .locals n, i              local names; the first `params` are the parameters
 *   .consts 2, "x", @fib      constants, appended to the pool exactly as written (duplicates kept)
 *   .names print, fib         names (globals, attributes), appended exactly as written
 *                             (.locals, .consts and .names come before the function's first instruction)
 *   .line N                   source line of the instructions that follow (a repeat of the current line,
 *                             or a .line with no instruction after it, adds nothing)
 *   loop:                     a label (local to its function), on its own line or before an instruction
 *   OPCODE [operand]          an instruction of vm/opcodes.h
 *
 * The operand depends on the opcode's operand kind:
 *   LOCAL        a local's name, or its index (3 or #3)
 *   CONST        a literal, added to the pool unless an identical constant is there already; or #k
 *   NAME         a name, added to the names pool unless it is there already; or #k
 *   JUMP         a label, or an absolute byte offset
 *   COUNT, FLAG  an integer
 *   BINOP        + - * / // % ** << >> & | ^ or an in-place form (+=, //=, ...)
 *   CMP          < <= == != > >=
 * Literals: ints (-12, 0x1f, 0o17, 0b101, 1_000_000), floats (1.5, 1e-05, inf, -inf, nan, -nan, and
 * f64:0x7ff8000000000001 for an exact bit pattern), strings in '' or "" (escapes \\ \" \' \n \t \r \0 \a
 * \b \f \v, and \xHH \uHHHH \UHHHHHHHH for a code point), None, True, False, code constants (@name: the
 * first function of that name; @index: the function at that 0-based position; never the module body) and tuples ((),
 * (1,), ("sep", "end"); nested at most 8 deep). Identical means same type and same value: 1, 1.0 and
 * True are three constants, and so are 0.0 and -0.0. A name that is not a word (letters, digits, _ $ < >
 * . and non-ASCII, not starting with a digit) is written as a string: .locals "my var".
 *
 * The file reads bottom-up: scratch arrays, lexing, constants, instructions, directives, whole files.
 * Assembly takes two passes over the text: the first creates a code object for every .function, so a
 * constant can name a function defined further down; the second does everything else.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/map.h"
#include "core/unicode.h"
#include "bytecode/asm.h"
#include "bytecode/opcodes.h"
#include "bytecode/verify.h"

/* bytecode.h's format nests tuple constants at most 8 deep; checking here gives a located message and
 * bounds the parser's recursion on hostile input. */
#define MAX_TUPLE_DEPTH 8
#define UNPLACED UINT32_MAX /* offset of a label that has been used but not yet defined */
/* A pool, the labels or the functions index at most this many items (2^29, the old index's limit): more
 * than a 4 GiB file could name, but a located message instead of a failing allocation. */
#define MAX_INDEXED (1u << 29)

/* --- Growable arrays and hash indexes ------------------------------------------------------------------
 * The assembler's scratch memory (pools under construction, labels, fixups, and the maps that index them)
 * comes from malloc: it is transient and never reachable from the heap. Only the finished arrays move into
 * ObjCode objects, through the VM's allocator, so an ObjCode never holds a half-built array. */

typedef struct {
    uint32_t line, col;
} Pos;

typedef struct {
    const char *name; /* points into the source text */
    uint32_t length;
    uint32_t offset; /* UNPLACED until defined */
    Pos pos;         /* where it was defined, else where first used */
} Label;

typedef struct {
    uint32_t label; /* index into labels */
    uint32_t at;    /* byte offset of the operand to patch */
} Fixup;

typedef struct {
    uint32_t offset;
    Pos pos;
} InstrPos;

/* One function being assembled. */
typedef struct {
    ObjCode *code;
    Pos pos; /* of its .function directive */
    uint32_t nparams, ndefaults, max_stack;
    bool has_stack;      /* stack= given */
    bool started;        /* an instruction has been emitted */
    bool line_pending;   /* a .line waits for the next instruction */
    uint32_t pending_line;
    Value *consts;
    uint32_t nconsts, consts_cap;
    Map const_index; /* constant -> its first position in consts (core/map.h; malloc'd) */
    ObjString **names;
    uint32_t nnames, names_cap;
    Map name_index;  /* name (a str key) -> its first position */
    ObjString **locals;
    uint32_t nlocals, locals_cap;
    Map local_index;
    uint8_t *bytes;
    uint32_t nbytes, bytes_cap;
    LineEntry *lines;
    uint32_t nlines, lines_cap;
    Label *labels;
    uint32_t nlabels, labels_cap;
    Map label_index; /* position of a label (an int key), hashed by its name */
    Fixup *fixups;
    uint32_t nfixups, fixups_cap;
    InstrPos *instrs; /* where each instruction was written, to place verifier errors */
    uint32_t ninstrs, instrs_cap;
} Func;

typedef struct {
    Vm *vm;
    const char *filename;
    const char *cur, *end;
    const char *line_start;
    uint32_t line;
    char *error;
    size_t error_size;
    bool failed;
    bool quiet; /* the prepass scans names without reporting errors */
    ObjString *source;
    ObjCode **codes; /* every function, created by the prepass so @name can refer forward */
    uint32_t ncodes, codes_cap;
    Map code_index;   /* function name -> first function of that name */
    Func *funcs;      /* ncodes of them */
    Func *func;       /* the function being assembled, NULL before the first .function */
    uint32_t nstarted;
    char *text; /* decoded bytes of the string being scanned */
    uint32_t ntext, text_cap;
} Parser;

/* --- Errors ----------------------------------------------------------------------------------------- */

static Pos here(const Parser *p) { return (Pos){p->line, (uint32_t)(p->cur - p->line_start) + 1}; }

static bool fail_at(Parser *p, Pos pos, const char *format, ...) __attribute__((format(printf, 3, 4)));
static bool fail_at(Parser *p, Pos pos, const char *format, ...) {
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
#define fail(p, ...) fail_at(p, here(p), __VA_ARGS__)

static bool fail_memory(Parser *p) { return fail(p, "out of memory"); }

/* Names in messages are cut short: they may come from hostile input. */
#define SHOWN(length) ((int)((length) > 60 ? 60 : (length)))

/* Grows [*array] so that it has room for [count] + 1 items of [size] bytes. */
static bool reserve(Parser *p, void **array, uint32_t *capacity, uint32_t count, size_t size) {
    if (count < *capacity) return true;
    if (count >= UINT32_MAX / 2) return fail(p, "too many items");
    uint32_t grown_capacity = *capacity < 8 ? 8 : *capacity * 2;
    void *grown = realloc(*array, (size_t)grown_capacity * size);
    if (grown == NULL) return fail_memory(p);
    *array = grown;
    *capacity = grown_capacity;
    return true;
}
#define APPEND(p, array, count, capacity, item)                                                             \
    (reserve(p, (void **)&(array), &(capacity), (count), sizeof *(array)) && ((array)[(count)++] = (item), true))

/* An index maps a key to the position of the first item with that key in its array (a pool, the labels,
 * the functions): so deduplicating constants and finding labels stay linear on large inputs. */

/* The position of [key] in [index], or -1. */
static int64_t index_find(const Map *index, uint32_t hash, Value key, MapEqual *eq, void *context) {
    uint32_t entry;
    if (map_find(index, hash, key, eq, context, &entry) != 1) return -1;
    return AS_INT(map_entry(index, entry)->value);
}

/* Records that [key], absent from [index], is first found at [position]. */
static bool index_add(Parser *p, Map *index, uint32_t hash, Value key, uint32_t position) {
    if (map_count(index) >= MAX_INDEXED) return fail(p, "too many items");
    return map_add(index, hash, key, int_value(position), NULL) || fail_memory(p);
}

static uint32_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull; /* MurmurHash3's finaliser: spreads every input bit over the result */
    x ^= x >> 33;
    return (uint32_t)x;
}

uint32_t asm_constant_hash(Value v) {
    if (IS_STRING(v)) return string_hash(AS_STRING(v));
    if (IS_TUPLE(v)) {
        uint32_t h = 0x345678u;
        for (uint32_t i = 0; i < AS_TUPLE(v)->count; i++) h = (h ^ asm_constant_hash(AS_TUPLE(v)->items[i])) * 1000003u;
        return h;
    }
    if (IS_OBJ(v)) return mix64((uint64_t)(uintptr_t)AS_OBJ(v));
    if (IS_BOOL(v)) return mix64(v.type * 31 + AS_BOOL(v));
    return mix64(v.as.bits ^ (v.type << 56));
}

bool asm_constants_identical(Value a, Value b) {
    if (a.type != b.type) return false;
    if (IS_BOOL(a)) return AS_BOOL(a) == AS_BOOL(b);
    if (!IS_OBJ(a)) return a.as.bits == b.as.bits; /* floats by bits: 0.0 and -0.0 differ */
    Obj *x = AS_OBJ(a), *y = AS_OBJ(b);
    if (x == y) return true;
    if (x->type != y->type) return false;
    if (x->type == OBJ_STRING) return string_equal((ObjString *)x, (ObjString *)y);
    if (x->type != OBJ_TUPLE) return false; /* code constants: the same function only */
    ObjTuple *s = (ObjTuple *)x, *t = (ObjTuple *)y;
    if (s->count != t->count) return false;
    for (uint32_t i = 0; i < s->count; i++) {
        if (!asm_constants_identical(s->items[i], t->items[i])) return false;
    }
    return true;
}

/* The indexes' equality callbacks (MapEqual). Constants and strings are the keys themselves. */
static int same_constant(void *context, Value stored, Value key) {
    (void)context;
    return asm_constants_identical(stored, key);
}

static int same_string(void *context, Value stored, Value key) {
    (void)context;
    return string_equal(AS_STRING(stored), AS_STRING(key));
}

/* A label's name points into the source text, so the index's key is the label's position, and the
 * callback compares the label there with the wanted one, [context]. */
typedef struct {
    const Label *labels;
    const Label *wanted;
} LabelProbe;

static int same_label(void *context, Value stored, Value key) {
    (void)key;
    const LabelProbe *probe = context;
    const Label *label = &probe->labels[AS_INT(stored)];
    return label->length == probe->wanted->length && memcmp(label->name, probe->wanted->name, label->length) == 0;
}

/* --- Lexing ------------------------------------------------------------------------------------------ */

static int peek(const Parser *p) { return p->cur < p->end ? (unsigned char)*p->cur : -1; }
static int peek_next(const Parser *p) { return p->cur + 1 < p->end ? (unsigned char)p->cur[1] : -1; }

static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_word_start(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c == '<' || c >= 0x80;
}
static bool is_word_char(int c) { return is_word_start(c) || is_digit(c) || c == '>' || c == '.'; }

bool asm_is_word(const char *chars, size_t length) {
    if (length == 0 || !is_word_start((unsigned char)chars[0])) return false;
    for (size_t i = 1; i < length; i++) {
        if (!is_word_char((unsigned char)chars[i])) return false;
    }
    return true;
}

static bool at_end_of_statement(const Parser *p) {
    int c = peek(p);
    return c == -1 || c == '\n' || c == ';';
}

static void skip_space(Parser *p) {
    while (p->cur < p->end && (*p->cur == ' ' || *p->cur == '\t' || *p->cur == '\r')) p->cur++;
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

static bool fail_expected(Parser *p, const char *what) {
    char found[16];
    return fail(p, "expected %s, found %s", what, describe_char(p, found));
}

/* word := word_start word_char* */
static bool scan_word(Parser *p, const char **word, uint32_t *length) {
    if (!is_word_start(peek(p))) return false;
    const char *start = p->cur;
    while (is_word_char(peek(p))) p->cur++;
    *word = start;
    *length = (uint32_t)(p->cur - start);
    return true;
}

static bool word_is(const char *word, uint32_t length, const char *text) {
    return strlen(text) == length && memcmp(word, text, length) == 0;
}

static bool expect_char(Parser *p, int c, const char *what) {
    if (peek(p) != c) return fail_expected(p, what);
    p->cur++;
    return true;
}

/* --- Numbers ----------------------------------------------------------------------------------------- */

static int digit_value(int c) {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* magnitude := digits | 0x hexdigits | 0o octdigits | 0b bindigits, with '_' allowed between digits.
 * Fails when the value does not fit 64 bits. [pos] is where the literal started, for messages. */
static bool scan_magnitude(Parser *p, Pos pos, uint64_t *out) {
    if (!is_digit(peek(p))) return fail_expected(p, "a number");
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
        if (magnitude > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) return fail_at(p, pos, "integer out of range");
        magnitude = magnitude * (uint64_t)base + (uint64_t)d;
        digits++;
        p->cur++;
    }
    if (digits == 0 || is_word_char(peek(p)) || is_digit(peek(p))) return fail_at(p, pos, "invalid integer literal");
    *out = magnitude;
    return true;
}

/* integer := ['-'] magnitude, within int64 */
static bool scan_integer(Parser *p, int64_t *out) {
    Pos pos = here(p);
    bool negative = peek(p) == '-';
    if (negative) p->cur++;
    uint64_t magnitude = 0;
    if (!scan_magnitude(p, pos, &magnitude)) return false;
    if (magnitude > (negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX)) {
        return fail_at(p, pos, "integer out of range");
    }
    *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    return true;
}

/* An operand, index or header value: a non-negative integer that fits 32 bits. */
static bool scan_u32(Parser *p, const char *what, uint32_t *out) {
    if (!is_digit(peek(p))) return fail_expected(p, what);
    Pos pos = here(p);
    int64_t value = 0;
    if (!scan_integer(p, &value)) return false;
    if (value > (int64_t)UINT32_MAX) return fail_at(p, pos, "%s out of range", what);
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
        if (n + 1 >= sizeof buffer) return fail_at(p, pos, "number literal too long");
        buffer[n++] = (char)c;
    }
    buffer[n] = '\0';
    if (mantissa_digits == 0 || (in_exponent && exponent_digits == 0) || is_word_char(peek(p)) || peek(p) == '.') {
        return fail_at(p, pos, "invalid float literal");
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
static bool scan_escape(Parser *p) {
    Pos pos = here(p);
    p->cur++; /* the backslash */
    int c = peek(p);
    static const char from[] = "\\\"'ntr0abfv", to[] = "\\\"'\n\t\r\0\a\b\f\v";
    const char *simple = c > 0 ? memchr(from, c, sizeof from - 1) : NULL;
    if (simple != NULL) {
        p->cur++;
        return append_text(p, &to[simple - from], 1);
    }
    int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits == 0) {
        if (c == -1 || c == '\n') return fail_at(p, pos, "unterminated string");
        return fail_at(p, pos, "invalid escape sequence '\\%c'", c >= 0x20 && c < 0x7f ? c : '?');
    }
    p->cur++;
    uint32_t cp = 0;
    for (int i = 0; i < digits; i++) {
        int d = digit_value(peek(p));
        if (d >= 16) return fail_at(p, pos, "escape '\\%c' needs %d hex digits", c, digits);
        cp = cp * 16 + (uint32_t)d;
        p->cur++;
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return fail_at(p, pos, "escape gives an invalid code point U+%04X", cp);
    }
    char utf8[4];
    return append_text(p, utf8, (uint32_t)utf8_encode(cp, utf8));
}

/* string := '"' (char | escape)* '"'  |  "'" (char | escape)* "'"   (on one line; valid UTF-8) */
static bool scan_string(Parser *p, ObjString **out) {
    Pos pos = here(p);
    char quote = *p->cur++;
    p->ntext = 0;
    for (;;) {
        int c = peek(p);
        if (c == -1 || c == '\n') return fail_at(p, pos, "unterminated string");
        if (c == quote) break;
        if (c == '\\') {
            if (!scan_escape(p)) return false;
            continue;
        }
        if (!append_text(p, p->cur, 1)) return false;
        p->cur++;
    }
    p->cur++;
    uint32_t char_count;
    if (!utf8_is_valid(p->text, p->ntext, &char_count)) return fail_at(p, pos, "string is not valid UTF-8");
    *out = string_copy(p->vm, p->ntext ? p->text : "", p->ntext);
    return *out != NULL || fail_memory(p);
}

/* name := word | string */
static bool scan_name(Parser *p, const char *what, ObjString **out) {
    if (peek(p) == '"' || peek(p) == '\'') return scan_string(p, out);
    const char *word;
    uint32_t length;
    Pos pos = here(p);
    if (!scan_word(p, &word, &length)) return fail_expected(p, what);
    if (!utf8_is_valid(word, length, NULL)) return fail_at(p, pos, "name is not valid UTF-8");
    *out = string_copy(p->vm, word, length);
    return *out != NULL || fail_memory(p);
}

/* --- Constants --------------------------------------------------------------------------------------- */

static bool parse_constant(Parser *p, int depth, Value *out);

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
        ok = parse_constant(p, depth + 1, &item) && APPEND(p, items, count, capacity, item);
        skip_space(p);
        trailing_comma = ok && peek(p) == ',';
        if (trailing_comma) {
            p->cur++;
            skip_space(p);
        } else if (ok && peek(p) != ')') {
            ok = fail_expected(p, "',' or ')'");
        }
    }
    if (ok && count == 1 && !trailing_comma) ok = fail_at(p, pos, "a one-element tuple needs a trailing comma: (x,)");
    if (ok) {
        p->cur++;
        ObjTuple *tuple = tuple_new(p->vm, count);
        if (tuple == NULL) ok = fail_memory(p);
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
        if (!scan_u32(p, "a function index", &index)) return false;
        if (index >= p->ncodes) return fail_at(p, pos, "no function @%u: the file has %u", index, p->ncodes);
    } else {
        ObjString *name;
        if (!scan_name(p, "a function name or index after '@'", &name)) return false;
        int64_t found = index_find(&p->code_index, string_hash(name), obj_value(&name->obj), same_string, NULL);
        if (found < 0) return fail_at(p, pos, "unknown function '%.*s'", SHOWN(name->length), name->chars);
        index = (uint32_t)found;
    }
    /* bytecode.h: a program runs its module body once; nothing may make a function of it */
    if (index == 0) return fail_at(p, pos, "a code constant cannot refer to the module body");
    *out = obj_value(&p->codes[index]->obj);
    return true;
}

/* f64_bits := 'f64:' magnitude   (the IEEE-754 bits of a float: NaNs that no literal spells) */
static bool parse_float_bits(Parser *p, Value *out) {
    if (!expect_char(p, ':', "':' after f64")) return false;
    uint64_t bits = 0;
    if (!scan_magnitude(p, here(p), &bits)) return false;
    *out = (Value){.type = VAL_FLOAT, .as.bits = bits};
    return true;
}

/* constant := integer | float | string | None | True | False | inf | nan | f64:BITS | function_ref | tuple */
static bool parse_constant(Parser *p, int depth, Value *out) {
    int c = peek(p);
    if (c == '"' || c == '\'') {
        ObjString *s;
        if (!scan_string(p, &s)) return false;
        *out = obj_value(&s->obj);
        return true;
    }
    if (c == '(') return parse_tuple(p, depth, out);
    if (c == '@') return parse_function_ref(p, out);
    bool negative = c == '-';
    if (is_digit(c) || (negative && is_digit(peek_next(p)))) {
        if (is_float_literal(p)) {
            double d;
            if (!scan_float(p, &d)) return false;
            *out = float_value(d);
            return true;
        }
        int64_t i = 0;
        if (!scan_integer(p, &i)) return false;
        *out = int_value(i);
        return true;
    }
    Pos pos = here(p);
    if (negative) p->cur++;
    const char *word;
    uint32_t length;
    if (!scan_word(p, &word, &length)) {
        if (negative) p->cur--;
        return fail_expected(p, "a constant");
    }
    if (word_is(word, length, "inf")) *out = float_value(negative ? -INFINITY : INFINITY);
    else if (word_is(word, length, "nan")) *out = float_value(negative ? -NAN : NAN);
    else if (negative) return fail_at(p, pos, "expected a number after '-'");
    else if (word_is(word, length, "None")) *out = none_value();
    else if (word_is(word, length, "True")) *out = bool_value(true);
    else if (word_is(word, length, "False")) *out = bool_value(false);
    else if (word_is(word, length, "f64")) return parse_float_bits(p, out);
    else return fail_at(p, pos, "expected a constant, found '%.*s'", SHOWN(length), word);
    return true;
}

/* --- Pools -------------------------------------------------------------------------------------------- */

/* Appends [v] to the pool; with [dedup], returns the first identical constant instead when there is one. */
static bool add_constant(Parser *p, Value v, bool dedup, uint32_t *index) {
    Func *f = p->func;
    uint32_t hash = asm_constant_hash(v);
    int64_t found = index_find(&f->const_index, hash, v, same_constant, NULL);
    if (dedup && found >= 0) {
        *index = (uint32_t)found;
        return true;
    }
    *index = f->nconsts;
    if (found < 0 && !index_add(p, &f->const_index, hash, v, f->nconsts)) return false;
    return APPEND(p, f->consts, f->nconsts, f->consts_cap, v);
}

/* Names and locals share the shape: an array of strings plus an index of first occurrences. */
static bool add_string(Parser *p, ObjString ***array, uint32_t *count, uint32_t *capacity, Map *index,
                       ObjString *s, bool dedup, uint32_t *at) {
    int64_t found = index_find(index, string_hash(s), obj_value(&s->obj), same_string, NULL);
    if (dedup && found >= 0) {
        *at = (uint32_t)found;
        return true;
    }
    *at = *count;
    if (found < 0 && !index_add(p, index, string_hash(s), obj_value(&s->obj), *count)) return false;
    if (!reserve(p, (void **)array, capacity, *count, sizeof **array)) return false;
    (*array)[(*count)++] = s;
    return true;
}

static bool add_name(Parser *p, ObjString *s, bool dedup, uint32_t *at) {
    Func *f = p->func;
    return add_string(p, &f->names, &f->nnames, &f->names_cap, &f->name_index, s, dedup, at);
}

static bool add_local(Parser *p, ObjString *s) {
    Func *f = p->func;
    uint32_t at;
    return add_string(p, &f->locals, &f->nlocals, &f->locals_cap, &f->local_index, s, false, &at);
}

/* The label named [word], created unplaced on first mention. */
static bool find_label(Parser *p, const char *word, uint32_t length, Pos pos, uint32_t *at) {
    Func *f = p->func;
    Label key = {word, length, UNPLACED, pos};
    uint32_t hash = hash_bytes(word, length);
    LabelProbe probe = {f->labels, &key};
    int64_t found = index_find(&f->label_index, hash, undef_value(), same_label, &probe);
    if (found >= 0) {
        *at = (uint32_t)found;
        return true;
    }
    *at = f->nlabels;
    return index_add(p, &f->label_index, hash, int_value(f->nlabels), f->nlabels) &&
           APPEND(p, f->labels, f->nlabels, f->labels_cap, key);
}

/* --- Instructions ------------------------------------------------------------------------------------ */

static const char *const operand_descriptions[] = {
    [OPK_NONE] = "no operand", [OPK_LOCAL] = "a local",          [OPK_CONST] = "a constant",
    [OPK_NAME] = "a name",     [OPK_JUMP] = "a label or offset", [OPK_COUNT] = "a count",
    [OPK_BINOP] = "an operator", [OPK_CMP] = "a comparison",     [OPK_FLAG] = "0 or 1",
};

/* Scans an operator symbol made of the characters [alphabet] and finds it in [symbols]. */
static bool scan_symbol(Parser *p, const char *alphabet, const char *const *symbols, int count, uint32_t *out) {
    Pos pos = here(p);
    const char *start = p->cur;
    while (peek(p) > 0 && strchr(alphabet, peek(p)) != NULL) p->cur++;
    size_t length = (size_t)(p->cur - start);
    if (length == 0) return fail_expected(p, "an operator");
    for (int i = 0; i < count; i++) {
        if (strlen(symbols[i]) == length && memcmp(symbols[i], start, length) == 0) {
            *out = (uint32_t)i;
            return true;
        }
    }
    return fail_at(p, pos, "unknown operator '%.*s'", SHOWN(length), start);
}

static bool parse_index(Parser *p, uint32_t *arg) {
    if (peek(p) == '#') p->cur++;
    return scan_u32(p, "an index", arg);
}

static bool parse_operand(Parser *p, int op, uint32_t *arg) {
    Func *f = p->func;
    Pos pos = here(p);
    int c = peek(p);
    switch (opcode_info[op].kind) {
    case OPK_LOCAL: {
        if (c == '#' || is_digit(c)) return parse_index(p, arg);
        ObjString *name;
        if (!scan_name(p, "a local", &name)) return false;
        int64_t found = index_find(&f->local_index, string_hash(name), obj_value(&name->obj), same_string, NULL);
        if (found < 0) return fail_at(p, pos, "unknown local '%.*s'", SHOWN(name->length), name->chars);
        *arg = (uint32_t)found;
        return true;
    }
    case OPK_CONST: {
        if (c == '#') return parse_index(p, arg);
        Value v;
        return parse_constant(p, 0, &v) && add_constant(p, v, true, arg);
    }
    case OPK_NAME: {
        if (c == '#') return parse_index(p, arg);
        ObjString *name;
        return scan_name(p, "a name", &name) && add_name(p, name, true, arg);
    }
    case OPK_JUMP: {
        if (is_digit(c)) return scan_u32(p, "an offset", arg);
        const char *word;
        uint32_t length, label;
        if (!scan_word(p, &word, &length)) return fail_expected(p, "a label or offset");
        if (!find_label(p, word, length, pos, &label)) return false;
        *arg = 0; /* patched when the function ends */
        return APPEND(p, f->fixups, f->nfixups, f->fixups_cap, ((Fixup){label, f->nbytes + 1}));
    }
    case OPK_BINOP:
        if (is_digit(c)) return scan_u32(p, "an operator", arg);
        return scan_symbol(p, "+-*/%&|^<>=", binary_op_symbols, NB_COUNT_, arg);
    case OPK_CMP:
        if (is_digit(c)) return scan_u32(p, "a comparison", arg);
        return scan_symbol(p, "<>=!", compare_op_symbols, CMP_COUNT_, arg);
    default: /* OPK_COUNT, OPK_FLAG */
        return scan_u32(p, operand_descriptions[opcode_info[op].kind], arg);
    }
}

/* Starts source line [line] at the next instruction. bytecode.c accepts one canonical line table (first
 * entry at offset 0, no two consecutive entries on the same line), so repeats are dropped and a function
 * whose first .line comes late gets line 0 ("unknown", as with no entry) for the instructions before. */
static bool add_line(Parser *p, uint32_t line) {
    Func *f = p->func;
    if (f->nlines > 0 && f->lines[f->nlines - 1].line == line) return true;
    if (f->nlines == 0 && f->nbytes > 0) {
        if (!APPEND(p, f->lines, f->nlines, f->lines_cap, ((LineEntry){0, 0}))) return false;
        if (line == 0) return true;
    }
    return APPEND(p, f->lines, f->nlines, f->lines_cap, ((LineEntry){f->nbytes, line}));
}

static bool emit_byte(Parser *p, uint8_t byte) {
    Func *f = p->func;
    return APPEND(p, f->bytes, f->nbytes, f->bytes_cap, byte);
}

/* instruction := OPCODE [operand] */
static bool parse_instruction(Parser *p, const char *word, uint32_t length, Pos pos) {
    int op = opcode_lookup(word, length);
    if (op < 0) return fail_at(p, pos, "unknown opcode '%.*s'", SHOWN(length), word);
    Func *f = p->func;
    if (f == NULL) return fail_at(p, pos, "instruction before the first .function");
    if (f->nbytes > CPVM_MAX_CODE_BYTES - 5) return fail_at(p, pos, "function too long (code over %u bytes)", CPVM_MAX_CODE_BYTES);
    skip_space(p);
    uint32_t arg = 0;
    OperandKind kind = opcode_info[op].kind;
    if (kind == OPK_NONE && !at_end_of_statement(p)) return fail(p, "%s takes no operand", opcode_info[op].name);
    if (kind != OPK_NONE && at_end_of_statement(p)) {
        return fail(p, "missing operand: %s takes %s", opcode_info[op].name, operand_descriptions[kind]);
    }
    if (kind != OPK_NONE && !parse_operand(p, op, &arg)) return false;
    f->started = true;
    if (f->line_pending && !add_line(p, f->pending_line)) return false;
    f->line_pending = false;
    if (!APPEND(p, f->instrs, f->ninstrs, f->instrs_cap, ((InstrPos){f->nbytes, pos}))) return false;
    if (!emit_byte(p, (uint8_t)op)) return false;
    if (kind == OPK_NONE) return true;
    for (int i = 0; i < 4; i++) {
        if (!emit_byte(p, (uint8_t)(arg >> (8 * i)))) return false;
    }
    return true;
}

/* label := word ':' */
static bool define_label(Parser *p, const char *word, uint32_t length, Pos pos) {
    Func *f = p->func;
    if (f == NULL) return fail_at(p, pos, "label before the first .function");
    uint32_t at;
    if (!find_label(p, word, length, pos, &at)) return false;
    Label *label = &f->labels[at];
    if (label->offset != UNPLACED) {
        return fail_at(p, pos, "duplicate label '%.*s' (first defined on line %u)", SHOWN(length), word, label->pos.line);
    }
    label->offset = f->nbytes;
    label->pos = pos;
    return true;
}

/* --- Directives -------------------------------------------------------------------------------------- */

/* Parses "item (',' item)*" up to the end of the statement; an empty list is allowed. */
static bool parse_list(Parser *p, bool (*item)(Parser *p)) {
    skip_space(p);
    while (!at_end_of_statement(p)) {
        if (!item(p)) return false;
        skip_space(p);
        if (at_end_of_statement(p)) break;
        if (!expect_char(p, ',', "',' or end of line")) return false;
        skip_space(p);
        if (at_end_of_statement(p)) return fail_expected(p, "another item after ','");
    }
    return true;
}

static bool list_local(Parser *p) {
    ObjString *name;
    return scan_name(p, "a local name", &name) && add_local(p, name);
}

static bool list_name(Parser *p) {
    ObjString *name;
    uint32_t at;
    return scan_name(p, "a name", &name) && add_name(p, name, false, &at);
}

static bool list_constant(Parser *p) {
    Value v;
    uint32_t at;
    return parse_constant(p, 0, &v) && add_constant(p, v, false, &at);
}

/* Moves [count] items of [size] bytes from scratch memory into a new VM allocation (NULL when empty). */
static bool move_array(Parser *p, void **to, const void *from, uint32_t count, size_t size) {
    *to = NULL;
    if (count == 0) return true;
    *to = vm_reallocate(p->vm, NULL, 0, (size_t)count * size);
    if (*to == NULL) return fail_memory(p);
    memcpy(*to, from, (size_t)count * size);
    return true;
}

/* Ends the current function: patches label references and moves the arrays into its ObjCode. A .line
 * after the last instruction has nothing to describe and is dropped. */
static bool finish_function(Parser *p) {
    Func *f = p->func;
    /* The header checks verify.c also makes, here so the message points at the .function line. */
    if (f->nbytes == 0) return fail_at(p, f->pos, "function has no instructions");
    if (f->nparams > f->nlocals) {
        return fail_at(p, f->pos, "params=%u but the function has %u locals (name parameters with .locals)",
                       f->nparams, f->nlocals);
    }
    if (f->ndefaults > f->nparams) return fail_at(p, f->pos, "defaults=%u exceeds params=%u", f->ndefaults, f->nparams);
    if (f->nlocals > CPVM_MAX_LOCALS) return fail_at(p, f->pos, "more than %u locals", CPVM_MAX_LOCALS);
    for (uint32_t i = 0; i < f->nlabels; i++) {
        const Label *label = &f->labels[i];
        if (label->offset == UNPLACED) {
            return fail_at(p, label->pos, "undefined label '%.*s'", SHOWN(label->length), label->name);
        }
    }
    for (uint32_t i = 0; i < f->nfixups; i++) {
        uint32_t target = f->labels[f->fixups[i].label].offset;
        for (int b = 0; b < 4; b++) f->bytes[f->fixups[i].at + (uint32_t)b] = (uint8_t)(target >> (8 * b));
    }
    ObjCode *code = f->code;
    code->nparams = f->nparams;
    code->ndefaults = f->ndefaults;
    code->max_stack = f->max_stack;
    void *local_names, *consts, *names, *lines, *bytes;
    if (!move_array(p, &local_names, f->locals, f->nlocals, sizeof *f->locals)) return false;
    code->local_names = local_names;
    code->nlocals = f->nlocals;
    if (!move_array(p, &consts, f->consts, f->nconsts, sizeof *f->consts)) return false;
    code->consts = consts;
    code->nconsts = f->nconsts;
    if (!move_array(p, &names, f->names, f->nnames, sizeof *f->names)) return false;
    code->names = names;
    code->nnames = f->nnames;
    if (!move_array(p, &lines, f->lines, f->nlines, sizeof *f->lines)) return false;
    code->lines = lines;
    code->nlines = f->nlines;
    /* the code is followed by 4 zero bytes (opcodes.h), so reading an operand never leaves the array */
    bytes = vm_reallocate(p->vm, NULL, 0, (size_t)f->nbytes + 4);
    if (bytes == NULL) return fail_memory(p);
    if (f->nbytes > 0) memcpy(bytes, f->bytes, f->nbytes);
    memset((uint8_t *)bytes + f->nbytes, 0, 4);
    code->code = bytes;
    code->code_length = f->nbytes;
    p->func = NULL;
    return true;
}

/* function := '.function' name ('params' | 'defaults' | 'stack') '=' integer ... */
static bool parse_function(Parser *p, Pos pos) {
    if (p->func != NULL && !finish_function(p)) return false;
    if (p->nstarted >= p->ncodes) return fail_at(p, pos, "internal error: .function not seen by the prepass");
    Func *f = &p->funcs[p->nstarted];
    f->code = p->codes[p->nstarted++];
    f->pos = pos;
    p->func = f;
    skip_space(p);
    ObjString *name; /* the prepass already named the function; this only moves past the name */
    if (!scan_name(p, "a function name", &name)) return false;
    bool seen[3] = {false, false, false};
    for (;;) {
        skip_space(p);
        if (at_end_of_statement(p)) return true;
        Pos pos = here(p);
        const char *key;
        uint32_t length;
        if (!scan_word(p, &key, &length)) return fail_expected(p, "params=, defaults= or stack=");
        int which = word_is(key, length, "params") ? 0 : word_is(key, length, "defaults") ? 1
                  : word_is(key, length, "stack") ? 2 : -1;
        if (which < 0) return fail_at(p, pos, "unknown key '%.*s' (expected params, defaults or stack)", SHOWN(length), key);
        if (seen[which]) return fail_at(p, pos, "duplicate key '%.*s'", SHOWN(length), key);
        seen[which] = true;
        if (!expect_char(p, '=', "'='")) return false;
        uint32_t *field[3] = {&f->nparams, &f->ndefaults, &f->max_stack};
        if (!scan_u32(p, "a value", field[which])) return false;
        if (which == 2) f->has_stack = true;
    }
}

/* directive := '.' word ... */
static bool parse_directive(Parser *p) {
    Pos pos = here(p);
    p->cur++;
    const char *word;
    uint32_t length;
    if (!scan_word(p, &word, &length)) return fail_expected(p, "a directive name after '.'");
    if (word_is(word, length, "function")) return parse_function(p, pos);
    if (word_is(word, length, "source")) {
        if (p->nstarted > 0) return fail_at(p, pos, ".source must come before the first .function");
        if (p->source != NULL) return fail_at(p, pos, "duplicate .source");
        skip_space(p);
        if (peek(p) != '"' && peek(p) != '\'') return fail_expected(p, "a string");
        return scan_string(p, &p->source);
    }
    bool is_pool = word_is(word, length, "locals") || word_is(word, length, "consts") || word_is(word, length, "names");
    if (!is_pool && !word_is(word, length, "line")) return fail_at(p, pos, "unknown directive '.%.*s'", SHOWN(length), word);
    Func *f = p->func;
    if (f == NULL) return fail_at(p, pos, ".%.*s before the first .function", SHOWN(length), word);
    if (is_pool && f->started) return fail_at(p, pos, ".%.*s must come before the function's first instruction", SHOWN(length), word);
    if (word_is(word, length, "locals")) return parse_list(p, list_local);
    if (word_is(word, length, "consts")) return parse_list(p, list_constant);
    if (word_is(word, length, "names")) return parse_list(p, list_name);
    skip_space(p);
    f->line_pending = true;
    return scan_u32(p, "a line number", &f->pending_line);
}

/* statement := directive | (label ':')* [instruction];  then a comment or the end of the line */
static bool parse_statement(Parser *p) {
    skip_space(p);
    if (peek(p) == '.') {
        if (!parse_directive(p)) return false;
    } else {
        while (!at_end_of_statement(p)) {
            Pos pos = here(p);
            const char *word;
            uint32_t length;
            if (!scan_word(p, &word, &length)) return fail_expected(p, "an instruction, label or directive");
            if (peek(p) != ':') {
                if (!parse_instruction(p, word, length, pos)) return false;
                break;
            }
            p->cur++;
            if (!define_label(p, word, length, pos)) return false;
            skip_space(p);
        }
    }
    skip_space(p);
    if (!at_end_of_statement(p)) return fail_expected(p, "end of line");
    return true;
}

static void next_line(Parser *p) {
    while (p->cur < p->end && *p->cur != '\n') p->cur++;
    if (p->cur < p->end) {
        p->cur++;
        p->line++;
        p->line_start = p->cur;
    }
}

/* --- Whole files -------------------------------------------------------------------------------------- */

/* True when the line at the cursor is a .function directive (as parse_statement would see it). */
static bool at_function_directive(Parser *p) {
    skip_space(p);
    if (peek(p) != '.') return false;
    p->cur++;
    const char *word;
    uint32_t length;
    return scan_word(p, &word, &length) && word_is(word, length, "function");
}

/* Creates a code object for every .function first, so constants can name functions defined later. Names
 * that fail to scan are left for the main pass to report where they are. */
static bool create_functions(Parser *p) {
    p->quiet = true;
    for (; p->cur < p->end; next_line(p)) {
        if (!at_function_directive(p)) continue;
        skip_space(p);
        ObjString *name;
        p->failed = false;
        if (!scan_name(p, "", &name)) name = string_copy(p->vm, "", 0);
        ObjCode *code = code_new(p->vm);
        if (name == NULL || code == NULL || !APPEND(p, p->codes, p->ncodes, p->codes_cap, code)) {
            p->quiet = false;
            p->failed = false;
            return fail_memory(p);
        }
        code->name = name;
        code->index = p->ncodes - 1;
        if (index_find(&p->code_index, string_hash(name), obj_value(&name->obj), same_string, NULL) < 0 &&
            !index_add(p, &p->code_index, string_hash(name), obj_value(&name->obj), p->ncodes - 1)) {
            p->quiet = false;
            p->failed = false;
            return fail_memory(p);
        }
    }
    p->quiet = false;
    p->failed = false;
    p->funcs = calloc(p->ncodes + 1, sizeof *p->funcs);
    if (p->funcs == NULL) return fail_memory(p);
    return true;
}

/* Writes the verifier's [message] as an assembler error on the line of the instruction it names. */
static void fail_verify(Parser *p, const Func *f, const char *message) {
    Pos pos = f->pos;
    const char *at = strstr(message, "offset ");
    for (const char *next = at; next != NULL; next = strstr(next + 1, "offset ")) at = next;
    if (at != NULL) {
        unsigned long offset = strtoul(at + 7, NULL, 10);
        for (uint32_t i = 0; i < f->ninstrs; i++) {
            if (f->instrs[i].offset == offset) pos = f->instrs[i].pos;
        }
    }
    fail_at(p, pos, "invalid program: %s", message);
}

static Program *build_program(Parser *p) {
    if (p->ncodes == 0) {
        fail_at(p, (Pos){1, 1}, "no function: a program starts with .function <module>");
        return NULL;
    }
    if (p->source == NULL) {
        const char *name = p->filename;
        uint32_t char_count;
        if (!utf8_is_valid(name, strlen(name), &char_count)) name = "<asm>";
        p->source = string_from_cstr(p->vm, name);
        if (p->source == NULL) {
            fail_memory(p);
            return NULL;
        }
    }
    Program *program = program_new(p->vm, p->source, p->ncodes);
    if (program == NULL) {
        fail_memory(p);
        return NULL;
    }
    for (uint32_t i = 0; i < p->ncodes; i++) {
        program->codes[i] = p->codes[i];
        p->codes[i]->source = p->source;
    }
    char message[400];
    for (uint32_t i = 0; i < p->ncodes; i++) {
        const Func *f = &p->funcs[i];
        if (!f->has_stack && !verify_compute_max_stack(program, f->code, &f->code->max_stack, message, sizeof message)) {
            fail_verify(p, f, message);
            break;
        }
        if (!verify_code(program, f->code, message, sizeof message)) {
            fail_verify(p, f, message);
            break;
        }
    }
    if (p->failed) {
        program_free(p->vm, program);
        return NULL;
    }
    return program;
}

static void free_func(Func *f) {
    free(f->consts);
    map_free(&f->const_index);
    free(f->names);
    map_free(&f->name_index);
    free(f->locals);
    map_free(&f->local_index);
    free(f->bytes);
    free(f->lines);
    free(f->labels);
    map_free(&f->label_index);
    free(f->fixups);
    free(f->instrs);
}

Program *asm_assemble(Vm *vm, const char *source, size_t length, const char *filename, char *error,
                      size_t error_size) {
    Parser p = {.vm = vm, .filename = filename ? filename : "<asm>", .cur = source, .end = source + length,
                .line_start = source, .line = 1, .error = error, .error_size = error_size};
    if (error_size > 0) error[0] = '\0';
    vm->gc_paused++; /* nothing built here is reachable by the GC until the Program exists */
    Program *program = NULL;
    if (length >= UINT32_MAX) {
        fail_at(&p, (Pos){1, 1}, "file too large");
    } else if (create_functions(&p)) {
        p.cur = source;
        p.line = 1;
        p.line_start = source;
        bool ok = true;
        for (; ok && p.cur < p.end; next_line(&p)) ok = parse_statement(&p);
        if (ok && p.func != NULL) ok = finish_function(&p);
        if (ok) program = build_program(&p);
    }
    vm->gc_paused--;
    for (uint32_t i = 0; p.funcs != NULL && i < p.ncodes; i++) free_func(&p.funcs[i]);
    free(p.funcs);
    free(p.codes);
    map_free(&p.code_index);
    free(p.text);
    if (program == NULL && vm->exc != EXC_NONE) vm_clear_error(vm); /* an out-of-memory left MemoryError set */
    return program;
}
