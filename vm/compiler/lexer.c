/* lexer.c: Python source text to tokens, on demand (see lexer.h).
 *
 * The parser asks for one token at a time, so an error is reported where it is met, as CPython does.
 * Indentation is a stack of column widths (tabs advance to the next multiple of 8, as in CPython), kept
 * twice as CPython does: a second stack measures tabs as one column, and a line whose indentation compares
 * differently under the two is a TabError. Inside brackets newlines and indentation mean nothing. Names
 * follow CPython's tokenizer: ASCII letters, digits and '_', or non-ASCII XID_Start/XID_Continue characters
 * (unicode_tables.h, generated at build time by tools/gen_unicode_tables.py), NFKC-normalised with
 * utf8proc. The file is ordered: errors, indentation, numbers, strings, operators, names, then lexer_next.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "objects/object.h"
#include "core/unicode.h"
#include "compiler/lexer.h"
#include "unicode_tables.h"

const char *const token_names[TOK_COUNT_] = {
#define CPVM_TOKEN_NAME(name, text) [TOK_##name] = text,
    CPVM_TOKENS(CPVM_TOKEN_NAME)
#undef CPVM_TOKEN_NAME
};

bool source_error(SourceError *error, uint32_t line, uint32_t col, const char *format, ...) {
    if (error->set) return false;
    error->set = true;
    error->line = line;
    error->col = col;
    va_list args;
    va_start(args, format);
    vsnprintf(error->message, sizeof error->message, format, args);
    va_end(args);
    return false;
}

static uint32_t col_of(const Lexer *lx, const char *p) { return (uint32_t)(p - lx->line_start) + 1; }

/* Reports an error at [p] (on the current line) and returns false. */
static bool error_at(Lexer *lx, const char *p, const char *message) {
    return source_error(lx->error, lx->line, col_of(lx, p), "%s", message);
}

static void start_token(Lexer *lx, Token *t, TokenKind kind, const char *start) {
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->start = start;
    t->line = lx->line;
    t->col = col_of(lx, start);
}

/* CPython's "potential identifier" bytes: every byte >= 0x80 may belong to a name; lex_unicode_name decides. */
static bool is_name_start(unsigned char c) { return c == '_' || (unsigned)((c | 32) - 'a') < 26u || c >= 0x80; }
static bool is_name_char(unsigned char c) { return is_name_start(c) || (unsigned)(c - '0') < 10u; }
static bool is_ascii_name_char(unsigned char c) {
    return c == '_' || (unsigned)((c | 32) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}
static bool is_digit(char c) { return (unsigned char)(c - '0') < 10u; }

/* Consumes a newline ("\n", "\r\n" or "\r") at p and starts the next physical line. */
static void newline(Lexer *lx) {
    if (lx->p[0] == '\r' && lx->p + 1 < lx->end && lx->p[1] == '\n') lx->p++;
    lx->p++;
    lx->line++;
    lx->line_start = lx->p;
}

static bool at_newline(const Lexer *lx) { return lx->p < lx->end && (*lx->p == '\n' || *lx->p == '\r'); }

void lexer_init(Lexer *lexer, const char *source, size_t length, Arena *arena, SourceError *error) {
    memset(lexer, 0, sizeof *lexer);
    lexer->source = source;
    lexer->end = source + length;
    lexer->p = source;
    if (length >= 3 && memcmp(source, "\xEF\xBB\xBF", 3) == 0) lexer->p += 3; /* a UTF-8 byte order mark */
    lexer->line_start = lexer->p;
    lexer->line = 1;
    lexer->nul = length > 0 ? memchr(source, '\0', length) : NULL;
    if (lexer->nul != NULL) {
        const char *line = lexer->nul;
        while (line > lexer->line_start && line[-1] != '\n' && line[-1] != '\r') line--;
        lexer->nul_line = line;
        lexer->end = line; /* the lexer stops there: reaching the end reports the NUL (nul_error) */
    }
    lexer->at_line_start = true;
    lexer->arena = arena;
    lexer->error = error;
}

/* CPython refuses a source with a NUL byte as it reads the physical line that holds it, before any token of
 * that line. lexer_init ends the source at that line, so each place that meets the end of the source calls
 * this first when lx->nul is set: it reports the NUL and returns false. This costs the common path nothing. */
__attribute__((noinline, cold)) static bool nul_error(Lexer *lx) {
    uint32_t line = 1;
    for (const char *q = lx->source; q < lx->nul_line; q++) {
        if (*q == '\n' || (*q == '\r' && (q + 1 >= lx->end || q[1] != '\n'))) line++;
    }
    return source_error(lx->error, line, (uint32_t)(lx->nul - lx->nul_line) + 1,
                        "source code cannot contain null bytes");
}

/* --- Indentation -------------------------------------------------------------------------------------- */

/* At the start of a logical line: skips blank and comment-only lines, measures the indentation of the
 * first line with a token and queues INDENT or DEDENTs. Returns false on error. Sets *indent when the
 * line opens a block. */
static bool measure_indent(Lexer *lx, bool *indent) {
    *indent = false;
    for (;;) {
        int width = 0, alt_width = 0; /* tabs to multiples of 8, and tabs as one column */
        while (lx->p < lx->end) {
            char c = *lx->p;
            if (c == ' ' || c == '\t') {
                width = c == ' ' ? width + 1 : (width / 8 + 1) * 8;
                alt_width++;
            } else if (c == '\f') {
                width = alt_width = 0;
            } else {
                break;
            }
            lx->p++;
        }
        if (lx->p < lx->end && *lx->p == '#') {
            while (lx->p < lx->end && !at_newline(lx)) lx->p++;
        }
        if (at_newline(lx)) {
            newline(lx);
            continue;
        }
        if (lx->p >= lx->end) return true; /* the end of file closes all blocks (lexer_next) */
        if (lx->p[0] == '\\' && lx->p + 1 < lx->end && (lx->p[1] == '\n' || lx->p[1] == '\r')) {
            lx->p++;
            newline(lx); /* a continuation line at the start of a line joins it to the next */
            continue;
        }
        /* The checks and their order are CPython's (tokenizer.c, tok_get): a TabError when the two widths
         * disagree on whether the line is deeper, level or shallower than the block it joins. */
        static const char tab_error[] = "inconsistent use of tabs and spaces in indentation";
        int current = lx->indents[lx->indent_count];
        if (width > current) {
            if (lx->indent_count + 1 >= CPVM_MAX_INDENT) return error_at(lx, lx->p, "too many levels of indentation");
            if (alt_width <= lx->alt_indents[lx->indent_count]) return error_at(lx, lx->p, tab_error);
            lx->indent_count++;
            lx->indents[lx->indent_count] = width;
            lx->alt_indents[lx->indent_count] = alt_width;
            *indent = true;
        } else {
            while (width < lx->indents[lx->indent_count]) {
                lx->indent_count--;
                lx->pending_dedents++;
            }
            if (width != lx->indents[lx->indent_count])
                return error_at(lx, lx->p, "unindent does not match any outer indentation level");
            if (alt_width != lx->alt_indents[lx->indent_count]) return error_at(lx, lx->p, tab_error);
        }
        return true;
    }
}

/* --- Numbers ------------------------------------------------------------------------------------------ */

/* Copies the digits of a literal without its underscores, checking that each underscore sits between two
 * digits. Returns the number of bytes written to [out] (at most [size] - 1), or -1 on a misplaced
 * underscore. */
static int strip_underscores(const char *start, const char *stop, char *out, size_t size) {
    size_t n = 0;
    for (const char *q = start; q < stop; q++) {
        if (*q == '_') {
            if (q + 1 >= stop || q[1] == '_' || q == start) return -1;
            continue;
        }
        if (n + 1 < size) out[n++] = *q;
    }
    out[n] = '\0';
    return (int)n;
}

/* Digits of [base] (with underscores) at p; returns the end. */
static const char *scan_digits(const char *p, const char *end, int base) {
    for (; p < end; p++) {
        char c = *p;
        int d = is_digit(c) ? c - '0' : ((c | 32) >= 'a' && (c | 32) <= 'z') ? (c | 32) - 'a' + 10 : -1;
        if (c != '_' && (d < 0 || d >= base)) break;
    }
    return p;
}

static bool lex_number(Lexer *lx, Token *t) {
    const char *start = lx->p, *p = lx->p, *end = lx->end;
    char buf[512];
    int base = 10;
    if (p[0] == '0' && p + 1 < end && strchr("xXoObB", p[1]) != NULL && p[1] != '\0') {
        base = (p[1] | 32) == 'x' ? 16 : (p[1] | 32) == 'o' ? 8 : 2;
        p += 2;
        if (p < end && *p == '_') p++; /* 0x_ff is allowed */
    }
    const char *digits = p;
    p = scan_digits(p, end, base == 10 ? 10 : base);
    bool is_float = false;
    if (base == 10) {
        if (p < end && *p == '.') {
            is_float = true;
            p = scan_digits(p + 1, end, 10);
        }
        if (p < end && (*p | 32) == 'e') {
            const char *q = p + 1;
            if (q < end && (*q == '+' || *q == '-')) q++;
            if (q < end && is_digit(*q)) {
                is_float = true;
                p = scan_digits(q, end, 10);
            }
        }
    }
    lx->p = p;
    start_token(lx, t, is_float ? TOK_FLOAT : TOK_INT, start);
    t->length = (uint32_t)(p - start);
    if (p < end && (*p | 32) == 'j') return error_at(lx, start, "complex numbers are not supported by cpvm");
    if (p < end && is_name_char((unsigned char)*p)) {
        return error_at(lx, start, base == 16 ? "invalid hexadecimal literal" : base == 8 ? "invalid octal literal"
                                   : base == 2 ? "invalid binary literal" : "invalid decimal literal");
    }
    /* Underscores: each must sit between two digits; strip them from each digit run. */
    int n = strip_underscores(is_float ? start : digits, p, buf, sizeof buf);
    if (is_float) {
        /* Floats may contain '.', 'e' and a sign; an underscore next to them is misplaced. */
        for (const char *q = start; q < p; q++) {
            if (*q == '_' && (q == start || !is_digit(q[-1]) || q + 1 >= p || !is_digit(q[1])))
                return error_at(lx, start, "invalid decimal literal");
        }
        t->f = strtod(buf, NULL);
        return true;
    }
    if (n <= 0) {
        return error_at(lx, start, base == 16 ? "invalid hexadecimal literal" : base == 8 ? "invalid octal literal"
                                   : base == 2 ? "invalid binary literal" : "invalid decimal literal");
    }
    if (base == 10 && buf[0] == '0') {
        for (int i = 1; i < n; i++) {
            if (buf[i] != '0')
                return error_at(lx, start, "leading zeros in decimal integer literals are not permitted; "
                                           "use an 0o prefix for octal integers");
        }
    }
    uint64_t value = 0;
    for (int i = 0; i < n; i++) {
        int d = is_digit(buf[i]) ? buf[i] - '0' : (buf[i] | 32) - 'a' + 10;
        if (value > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) t->int_overflow = true;
        value = value * (uint64_t)base + (uint64_t)d;
    }
    t->u = value;
    if (value > (uint64_t)INT64_MAX) t->int_overflow = t->int_overflow || value != (uint64_t)INT64_MAX + 1;
    if (value > (uint64_t)INT64_MAX + 1) t->int_overflow = true;
    return true;
}

/* --- Strings ------------------------------------------------------------------------------------------ */

/* A growable buffer for decoding one string literal (malloc'd, then copied into the arena). */
typedef struct {
    char *chars;
    size_t length, capacity;
    bool failed;
} Buf;

static void buf_push(Buf *b, const char *chars, size_t n) {
    if (b->failed) return;
    if (b->length + n + 1 > b->capacity) {
        size_t capacity = b->capacity < 64 ? 64 : b->capacity;
        while (capacity < b->length + n + 1) capacity *= 2;
        char *grown = realloc(b->chars, capacity);
        if (grown == NULL) {
            b->failed = true;
            return;
        }
        b->chars = grown;
        b->capacity = capacity;
    }
    memcpy(b->chars + b->length, chars, n);
    b->length += n;
}

/* Appends code point [cp] as UTF-8. */
static void buf_push_utf8(Buf *b, uint32_t cp) {
    char out[4];
    buf_push(b, out, (size_t)utf8_encode(cp, out));
}

static int hex_value(char c) {
    if (is_digit(c)) return c - '0';
    if ((c | 32) >= 'a' && (c | 32) <= 'f') return (c | 32) - 'a' + 10;
    return -1;
}

/* Decodes the escape sequence after the backslash at lx->p[-1]; advances lx->p past it. In a bytes
 * literal (bytes) \x and octal escapes give one byte each, and \u, \U and \N are not escapes. */
static bool decode_escape(Lexer *lx, Buf *b, const char *backslash, bool bytes) {
    char c = *lx->p;
    static const char simple_from[] = "\\'\"abfnrtv";
    static const char simple_to[] = "\\'\"\a\b\f\n\r\t\v";
    const char *simple = strchr(simple_from, c);
    if (simple != NULL && c != '\0') {
        buf_push(b, &simple_to[simple - simple_from], 1);
        lx->p++;
        return true;
    }
    if (c >= '0' && c <= '7') {
        uint32_t value = 0;
        for (int i = 0; i < 3 && lx->p < lx->end && *lx->p >= '0' && *lx->p <= '7'; i++) value = value * 8 + (uint32_t)(*lx->p++ - '0');
        if (bytes) {
            char byte = (char)(value & 0xFF);
            buf_push(b, &byte, 1);
        } else {
            buf_push_utf8(b, value);
        }
        return true;
    }
    int digits = c == 'x' ? 2 : bytes ? 0 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits > 0) {
        lx->p++;
        uint32_t value = 0;
        for (int i = 0; i < digits; i++) {
            int d = lx->p < lx->end ? hex_value(*lx->p) : -1;
            if (d < 0) {
                if (bytes) return source_error(lx->error, lx->line, col_of(lx, backslash), "(value error) invalid \\x escape at position %d",
                                              (int)(backslash - lx->body_start));
                return source_error(lx->error, lx->line, col_of(lx, backslash), "(unicode error) truncated \\%c%s escape",
                                    c, c == 'x' ? "XX" : c == 'u' ? "XXXX" : "XXXXXXXX");
            }
            value = value * 16 + (uint32_t)d;
            lx->p++;
        }
        if (bytes) {
            char byte = (char)value;
            buf_push(b, &byte, 1);
            return true;
        }
        if (value > 0x10FFFF) return error_at(lx, backslash, "(unicode error) illegal Unicode character");
        if (value >= 0xD800 && value <= 0xDFFF) return error_at(lx, backslash, "surrogate code points are not supported by cpvm");
        buf_push_utf8(b, value);
        return true;
    }
    if (c == 'N' && !bytes) return error_at(lx, backslash, "\\N{...} escapes are not supported by cpvm");
    /* An unknown escape keeps its backslash, as CPython does (with a DeprecationWarning it hides by default). */
    buf_push(b, "\\", 1);
    return true;
}

/* What a string literal's prefix says. */
typedef struct {
    bool raw, bytes, fstring;
} StringKind;

/* Reads a literal's contents from lx->p up to its closing [quote] (tripled when [triple]), or to the
 * end of the text when quote is 0 (an f-string's literal parts, lexer_decode_literal). An f-string's
 * body is kept undecoded (the parser splits it into text and fields first). */
static bool read_body(Lexer *lx, Buf *b, StringKind kind, char quote, bool triple, const char *start, uint32_t col) {
    uint32_t start_line = lx->line;
    for (;;) {
        if (lx->p >= lx->end && quote == 0) return true;
        if (lx->p >= lx->end || (!triple && at_newline(lx))) {
            if (lx->p >= lx->end && lx->nul != NULL) return nul_error(lx);
            char message[96];
            snprintf(message, sizeof message, "unterminated %sstring literal (detected at line %u)",
                     triple ? "triple-quoted " : "", lx->line);
            return source_error(lx->error, start_line, col, "%s", message);
        }
        char c = *lx->p;
        if (quote != 0 && c == quote && (!triple || (lx->p + 2 < lx->end && lx->p[1] == quote && lx->p[2] == quote))) {
            lx->p += triple ? 3 : 1;
            return true;
        }
        if (at_newline(lx)) { /* only in triple-quoted strings: keep it as "\n" */
            buf_push(b, "\n", 1);
            newline(lx);
            continue;
        }
        if (kind.bytes && (unsigned char)c >= 0x80) {
            return source_error(lx->error, start_line, col_of(lx, start), "bytes can only contain ASCII literal characters");
        }
        if (c == '\\' && lx->p + 1 < lx->end) {
            const char *backslash = lx->p++;
            if (at_newline(lx)) { /* backslash-newline: a line continuation inside the string */
                if (kind.raw || kind.fstring) buf_push(b, "\\\n", 2);
                newline(lx);
                continue;
            }
            if (kind.raw || kind.fstring) {
                /* A raw string keeps the backslash, but it still stops the next quote from ending it. */
                buf_push(b, backslash, 2);
                lx->p++;
                continue;
            }
            if (!decode_escape(lx, b, backslash, kind.bytes)) return false;
            continue;
        }
        buf_push(b, lx->p, 1);
        lx->p++;
    }
}

/* Lexes a string literal whose prefix (r, u, b, f, in any case and order) starts at [start] and whose
 * opening quote is at lx->p. */
static bool lex_string(Lexer *lx, Token *t, const char *start) {
    StringKind kind = {false, false, false};
    bool unicode = false;
    for (const char *q = start; q < lx->p; q++) {
        char c = *q | 32;
        kind.raw |= c == 'r';
        kind.bytes |= c == 'b';
        kind.fstring |= c == 'f';
        unicode |= c == 'u';
    }
    if ((kind.bytes && kind.fstring) || (unicode && lx->p - start > 1)) return error_at(lx, start, "invalid syntax");
    start_token(lx, t, TOK_STRING, start);
    char quote = *lx->p;
    bool triple = lx->p + 2 < lx->end && lx->p[1] == quote && lx->p[2] == quote;
    lx->p += triple ? 3 : 1;
    lx->body_start = lx->p;
    Buf b = {0};
    if (!read_body(lx, &b, kind, quote, triple, start, t->col)) {
        free(b.chars);
        return false;
    }
    t->length = (uint32_t)(lx->p - start);
    t->str = arena_strdup(lx->arena, b.chars == NULL ? "" : b.chars, b.length);
    t->str_length = (uint32_t)b.length;
    t->is_bytes = kind.bytes;
    t->is_fstring = kind.fstring;
    t->is_raw = kind.raw;
    free(b.chars);
    if (b.failed || t->str == NULL) return source_error(lx->error, t->line, t->col, "out of memory");
    return true;
}

bool lexer_decode_literal(Lexer *lx, bool raw, const char **out, uint32_t *out_length) {
    Buf b = {0};
    bool ok = read_body(lx, &b, (StringKind){raw, false, false}, 0, true, lx->p, 1);
    *out = ok ? arena_strdup(lx->arena, b.chars == NULL ? "" : b.chars, b.length) : NULL;
    *out_length = (uint32_t)b.length;
    free(b.chars);
    if (ok && (b.failed || *out == NULL)) return source_error(lx->error, lx->line, 1, "out of memory");
    return ok;
}

/* --- Operators ---------------------------------------------------------------------------------------- */

/* Operators, longest first so that "**=" wins over "**" and "*". */
static const struct {
    const char *text;
    TokenKind kind;
} operators[] = {
    {"**=", TOK_DSTAR_EQ}, {"//=", TOK_DSLASH_EQ}, {"<<=", TOK_LSHIFT_EQ}, {">>=", TOK_RSHIFT_EQ},
    {"...", TOK_ELLIPSIS}, {"->", TOK_ARROW}, {":=", TOK_WALRUS}, {"**", TOK_DSTAR}, {"//", TOK_DSLASH},
    {"<<", TOK_LSHIFT}, {">>", TOK_RSHIFT}, {"<=", TOK_LE}, {">=", TOK_GE}, {"==", TOK_EQ}, {"!=", TOK_NE},
    {"+=", TOK_PLUS_EQ}, {"-=", TOK_MINUS_EQ}, {"*=", TOK_STAR_EQ}, {"/=", TOK_SLASH_EQ},
    {"%=", TOK_PERCENT_EQ}, {"&=", TOK_AMPER_EQ}, {"|=", TOK_VBAR_EQ}, {"^=", TOK_CIRCUMFLEX_EQ},
    {"@=", TOK_AT_EQ}, {"(", TOK_LPAREN}, {")", TOK_RPAREN}, {"[", TOK_LBRACKET}, {"]", TOK_RBRACKET},
    {"{", TOK_LBRACE}, {"}", TOK_RBRACE}, {",", TOK_COMMA}, {":", TOK_COLON}, {";", TOK_SEMICOLON},
    {".", TOK_DOT}, {"=", TOK_ASSIGN}, {"+", TOK_PLUS}, {"-", TOK_MINUS}, {"*", TOK_STAR}, {"/", TOK_SLASH},
    {"%", TOK_PERCENT}, {"@", TOK_AT}, {"&", TOK_AMPER}, {"|", TOK_VBAR}, {"^", TOK_CIRCUMFLEX},
    {"~", TOK_TILDE}, {"<", TOK_LT}, {">", TOK_GT}, {"!", TOK_BANG},
};

/* Tracks bracket nesting: newlines inside brackets are not tokens. */
static bool track_bracket(Lexer *lx, Token *t) {
    static const char opens[] = "([{", closes[] = ")]}";
    char c = *t->start;
    if (strchr(opens, c) != NULL) {
        if (lx->paren_depth == CPVM_MAX_PAREN_DEPTH) return error_at(lx, t->start, "too many nested parentheses");
        lx->parens[lx->paren_depth++] = *t;
    } else if (strchr(closes, c) != NULL) {
        char message[96];
        if (lx->paren_depth == 0) {
            snprintf(message, sizeof message, "unmatched '%c'", c);
            return error_at(lx, t->start, message);
        }
        char open = *lx->parens[lx->paren_depth - 1].start;
        if (strchr(closes, c) - closes != strchr(opens, open) - opens) {
            snprintf(message, sizeof message, "closing parenthesis '%c' does not match opening parenthesis '%c'", c,
                     open);
            return error_at(lx, t->start, message);
        }
        lx->paren_depth--;
    }
    return true;
}

static bool lex_operator(Lexer *lx, Token *t) {
    size_t left = (size_t)(lx->end - lx->p);
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        size_t n = strlen(operators[i].text);
        if (n <= left && memcmp(lx->p, operators[i].text, n) == 0) {
            start_token(lx, t, operators[i].kind, lx->p);
            t->length = (uint32_t)n;
            lx->p += n;
            return n == 1 ? track_bracket(lx, t) : true;
        }
    }
    char message[64];
    unsigned char c = (unsigned char)*lx->p;
    if (c == '$' || c == '?' || c == '`') snprintf(message, sizeof message, "invalid syntax");
    else snprintf(message, sizeof message, "invalid character '\\x%02x' in source", c);
    return error_at(lx, lx->p, message);
}

/* --- Names -------------------------------------------------------------------------------------------- */

#define IN_TABLE(table, cp) unicode_in_ranges(table, sizeof table / sizeof table[0], cp)

/* Checks [length] bytes of name text as CPython's verify_identifier does: the first character ASCII letter,
 * '_' or XID_Start, the others also digits or XID_Continue. The error is reported at the bad character,
 * or at [report_at] when that is not NULL (the text is not the source's). */
static bool check_name(Lexer *lx, const char *text, size_t length, const char *report_at) {
    for (size_t i = 0; i < length;) {
        uint32_t cp;
        int n = utf8_decode(text + i, length - i, &cp);
        const char *at = report_at != NULL ? report_at : text + i;
        if (n == 0) return error_at(lx, at, "source is not valid UTF-8");
        bool valid = cp < 0x80 ? is_ascii_name_char((unsigned char)cp) && (i > 0 || !is_digit((char)cp))
                     : i == 0  ? IN_TABLE(unicode_xid_start, cp)
                               : IN_TABLE(unicode_xid_continue, cp);
        if (!valid) {
            char message[64];
            bool printable = cp < 0x80 ? cp >= 0x20 && cp < 0x7F : unicode_is_printable(cp);
            if (printable) snprintf(message, sizeof message, "invalid character '%.*s' (U+%04X)", n, text + i, cp);
            else snprintf(message, sizeof message, "invalid non-printable character U+%04X", cp);
            return error_at(lx, at, message);
        }
        i += (size_t)n;
    }
    return true;
}

/* A name with a byte >= 0x80 at or after [start] (lx->p is at the first such byte). CPython's tokenizer takes
 * every such byte into the name and then checks it (check_name); its parser NFKC-normalises a non-ASCII name,
 * so U+FB01 (the ligature "fi") and "fi" are one name. Keywords are matched before normalisation, as in
 * CPython: a name that normalises to "if" is a name. A normalised name that differs from the source text
 * lives in the arena. */
__attribute__((noinline)) static bool lex_unicode_name(Lexer *lx, Token *t, const char *start) {
    while (lx->p < lx->end && is_name_char((unsigned char)*lx->p)) lx->p++;
    size_t length = (size_t)(lx->p - start);
    start_token(lx, t, TOK_NAME, start);
    t->length = (uint32_t)length;
    if (!check_name(lx, start, length, NULL)) return false;
    char *text = malloc(length + 1);
    if (text == NULL) return source_error(lx->error, t->line, t->col, "out of memory");
    memcpy(text, start, length);
    text[length] = '\0';
    char *normal = (char *)utf8proc_NFKC((const utf8proc_uint8_t *)text);
    free(text);
    if (normal == NULL) return source_error(lx->error, t->line, t->col, "out of memory");
    size_t normal_length = strlen(normal);
    bool ok = true;
    if (normal_length != length || memcmp(normal, start, length) != 0) {
        /* XID_Start and XID_Continue are closed under NFKC, so this holds unless the tables and utf8proc
         * disagree on the Unicode version. */
        ok = check_name(lx, normal, normal_length, start);
        if (ok) {
            t->start = arena_strdup(lx->arena, normal, normal_length);
            t->length = (uint32_t)normal_length;
            if (t->start == NULL) ok = source_error(lx->error, t->line, t->col, "out of memory");
        }
    }
    free(normal);
    return ok;
}

/* --- Tokens ------------------------------------------------------------------------------------------- */

static TokenKind keyword_kind(const char *start, size_t length) {
    for (int k = TOK_FALSE; k <= TOK_YIELD; k++) {
        const char *text = token_names[k] + 1; /* skip the quote: "'while'" */
        if (strlen(text) == length + 1 && memcmp(text, start, length) == 0) return (TokenKind)k;
    }
    return TOK_NAME;
}

/* Skips spaces, comments and (inside brackets or after a backslash) line breaks. Returns false on error. */
static bool skip_space(Lexer *lx) {
    while (lx->p < lx->end) {
        char c = *lx->p;
        if (c == ' ' || c == '\t' || c == '\f') {
            lx->p++;
        } else if (c == '#') {
            while (lx->p < lx->end && !at_newline(lx)) lx->p++;
        } else if (c == '\\') {
            if (lx->p + 1 < lx->end && (lx->p[1] == '\n' || lx->p[1] == '\r')) {
                lx->p++;
                newline(lx);
            } else if (lx->p + 1 >= lx->end) {
                return lx->nul != NULL ? nul_error(lx) : error_at(lx, lx->p, "unexpected EOF while parsing");
            } else {
                return error_at(lx, lx->p + 1, "unexpected character after line continuation character");
            }
        } else if ((c == '\n' || c == '\r') && lx->paren_depth > 0) {
            newline(lx);
        } else {
            break;
        }
    }
    return true;
}

static bool lex_token(Lexer *lx, Token *t) {
    if (lx->pending_dedents > 0) {
        lx->pending_dedents--;
        start_token(lx, t, TOK_DEDENT, lx->p);
        return true;
    }
    if (lx->at_line_start && lx->paren_depth == 0) {
        bool indent;
        if (!measure_indent(lx, &indent)) return false;
        lx->at_line_start = false;
        if (indent) {
            start_token(lx, t, TOK_INDENT, lx->p);
            return true;
        }
        if (lx->pending_dedents > 0) return lex_token(lx, t);
    }
    if (!skip_space(lx)) return false;
    if (lx->p >= lx->end) {
        if (lx->nul != NULL) return nul_error(lx);
        if (lx->paren_depth > 0) {
            Token *open = &lx->parens[lx->paren_depth - 1];
            return source_error(lx->error, open->line, open->col, "'%c' was never closed", *open->start);
        }
        start_token(lx, t, TOK_EOF, lx->p);
        if (lx->line_has_token) t->kind = TOK_NEWLINE; /* the last line needs no newline character */
        else if (lx->indent_count > 0) {
            lx->indent_count--;
            t->kind = TOK_DEDENT;
        }
        return true;
    }
    const char *start = lx->p;
    unsigned char c = (unsigned char)*start;
    if (at_newline(lx)) {
        start_token(lx, t, TOK_NEWLINE, start);
        newline(lx);
        lx->at_line_start = true;
        return true;
    }
    if (is_digit((char)c) || (c == '.' && lx->p + 1 < lx->end && is_digit(lx->p[1]))) return lex_number(lx, t);
    if (is_name_start(c)) {
        while (lx->p < lx->end && is_ascii_name_char((unsigned char)*lx->p)) lx->p++;
        if (lx->p < lx->end && (unsigned char)*lx->p >= 0x80) return lex_unicode_name(lx, t, start);
        size_t length = (size_t)(lx->p - start);
        if (length <= 2 && lx->p < lx->end && (*lx->p == '\'' || *lx->p == '"')) {
            bool prefix = true;
            for (size_t i = 0; i < length; i++) prefix = prefix && strchr("rRuUbBfF", start[i]) != NULL;
            if (prefix) return lex_string(lx, t, start);
        }
        TokenKind kind = keyword_kind(start, length);
        start_token(lx, t, kind, start);
        t->length = (uint32_t)length;
        return true;
    }
    if (c == '\'' || c == '"') return lex_string(lx, t, start);
    return lex_operator(lx, t);
}

void lexer_next(Lexer *lexer, Token *token) {
    if (lexer->error->set || !lex_token(lexer, token)) {
        start_token(lexer, token, TOK_EOF, lexer->p);
        return;
    }
    if (token->kind == TOK_NEWLINE) lexer->line_has_token = false;
    else if (token->kind != TOK_INDENT && token->kind != TOK_DEDENT && token->kind != TOK_EOF)
        lexer->line_has_token = true;
}
