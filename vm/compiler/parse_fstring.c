/* parse_fstring.c: f-strings (PEP 498) as CPython 3.11 parses them.
 *
 * The lexer hands over an f-string's body undecoded (lexer.h); this file splits it into literal text,
 * decoded as any string literal's contents, and replacement fields:
 *
 *     "{" expression ["="] ["!" ("r" | "s" | "a")] [":" format_spec] "}"
 *
 * Each expression is parsed by a parser of its own over "(" + its text + ")" (CPython does the same, so
 * a field may span lines inside a triple-quoted f-string); the format_spec is itself f-string text whose
 * fields may nest one level ("f-string: expressions nested too deeply"). As in 3.11, and unlike 3.12, an
 * expression may not hold a backslash, a '#' or the quote that encloses the f-string (the lexer already
 * ended the string there). The '=' form keeps the expression's source text, and then defaults to !r.
 */
#include "compiler/parse_internal.h"

typedef struct {
    Parser *p;
    const Token *t; /* the f-string token: errors are reported at its end, as CPython reports them */
    const char *s;  /* its body */
    uint32_t n;
} FString;

static bool fstring_error(FString *f, const char *message) {
    return source_error(f->p->error, f->t->line, f->t->col + f->t->length, "%s", message);
}

/* Appends bytes [from, to) of the body as literal text (escapes decoded unless raw) to [parts]. */
static bool push_literal(FString *f, Vec *parts, uint32_t from, uint32_t to) {
    if (to <= from) return true;
    Lexer lx;
    lexer_init(&lx, f->s + from, to - from, f->p->arena, f->p->error);
    lx.line = f->t->line;
    Expr *e = new_expr(f->p, EXPR_STR, f->t->line, f->t->col);
    return e != NULL && lexer_decode_literal(&lx, f->t->is_raw, &e->as.str.chars, &e->as.str.length) &&
           vec_push(f->p, parts, e);
}

static bool push_text(FString *f, Vec *parts, const char *chars, uint32_t length) {
    Expr *e = new_expr(f->p, EXPR_STR, f->t->line, f->t->col);
    if (e == NULL) return false;
    e->as.str.chars = arena_strdup(f->p->arena, chars, length);
    e->as.str.length = length;
    return e->as.str.chars != NULL && vec_push(f->p, parts, e);
}

/* Parses the field expression text [from, to) with a parser of its own. */
static Expr *parse_field_expression(FString *f, uint32_t from, uint32_t to) {
    uint32_t length = to - from;
    char *text = alloc(f->p, length + 3);
    if (text == NULL) return NULL;
    text[0] = '(';
    memcpy(text + 1, f->s + from, length);
    text[length + 1] = ')';
    SourceError error = {0};
    Parser sub = {.arena = f->p->arena, .error = &error, .depth = f->p->depth};
    lexer_init(&sub.lexer, text, length + 2, f->p->arena, &error);
    sub.lexer.line = f->t->line;
    advance(&sub);
    Expr *e = parse_expressions(&sub);
    if (!failed(&sub) && !check(&sub, TOK_NEWLINE) && !check(&sub, TOK_EOF)) unexpected(&sub, NULL);
    if (failed(&sub)) {
        bool prefixed = strncmp(error.message, "f-string", 8) == 0;
        source_error(f->p->error, f->t->line, f->t->col, "%s%s", prefixed ? "" : "f-string: ", error.message);
        return NULL;
    }
    return e;
}

/* The end of a field's expression: the '!', ':', '=' or '}' that ends it outside brackets. Brackets are
 * matched as CPython's fstring_find_expr matches them, with its messages. */
static bool scan_expression(FString *f, uint32_t *i) {
    char opens[CPVM_MAX_PAREN_DEPTH];
    int nesting = 0;
    char quote = 0;
    char message[96];
    for (; *i < f->n; (*i)++) {
        char c = f->s[*i], next = *i + 1 < f->n ? f->s[*i + 1] : 0;
        if (quote != 0) {
            if (c == quote) quote = 0;
            continue;
        }
        if (c == '\\') return fstring_error(f, "f-string expression part cannot include a backslash");
        if (c == '#') return fstring_error(f, "f-string expression part cannot include '#'");
        if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '(' || c == '[' || c == '{') {
            if (nesting == CPVM_MAX_PAREN_DEPTH) return fstring_error(f, "f-string: too many nested parenthesis");
            opens[nesting++] = c;
        } else if (c == ')' || c == ']' || c == '}') {
            if (nesting == 0 && c == '}') return true;
            if (nesting == 0) {
                snprintf(message, sizeof message, "f-string: unmatched '%c'", c);
                return fstring_error(f, message);
            }
            char open = opens[--nesting];
            if ((open == '(' && c != ')') || (open == '[' && c != ']') || (open == '{' && c != '}')) {
                snprintf(message, sizeof message,
                         "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
                return fstring_error(f, message);
            }
        } else if (nesting == 0 && (c == '!' || c == '=' || c == '<' || c == '>') && next == '=') {
            (*i)++; /* != == <= >= are operators, not the end */
        } else if (nesting == 0 && (c == '!' || c == ':' || c == '=')) {
            return true;
        }
    }
    if (quote != 0) return fstring_error(f, "f-string: unterminated string");
    if (nesting > 0) {
        snprintf(message, sizeof message, "f-string: unmatched '%c'", opens[nesting - 1]);
        return fstring_error(f, message);
    }
    return fstring_error(f, "f-string: expecting '}'");
}

static bool parse_text(FString *f, Vec *parts, uint32_t *i, int depth, bool in_spec);

/* One replacement field, from just after its '{'; appends its parts ('=' text, then the field) and
 * leaves *i after the closing '}'. */
static bool parse_field(FString *f, Vec *parts, uint32_t *i, int depth) {
    uint32_t start = *i;
    if (!scan_expression(f, i)) return false;
    uint32_t end = *i;
    bool blank = true;
    for (uint32_t k = start; k < end; k++) blank = blank && (f->s[k] == ' ' || f->s[k] == '\t' || f->s[k] == '\n');
    if (blank && f->s[end] != '}') { /* f"{!r}" */
        char message[64];
        snprintf(message, sizeof message, "f-string: expression required before '%c'", f->s[end]);
        return fstring_error(f, message);
    }
    if (blank) return fstring_error(f, "f-string: empty expression not allowed");
    Expr *value = parse_field_expression(f, start, end);
    if (value == NULL) return false;
    int conversion = 0;
    bool self_documenting = f->s[*i] == '=', explicit_conversion = false;
    if (self_documenting) {
        (*i)++;
        while (*i < f->n && (f->s[*i] == ' ' || f->s[*i] == '\t')) (*i)++;
        if (!push_text(f, parts, f->s + start, *i - start)) return false;
        conversion = 'r';
    }
    if (*i < f->n && f->s[*i] == '!') {
        conversion = *i + 1 < f->n ? f->s[*i + 1] : 0;
        if (conversion != 'r' && conversion != 's' && conversion != 'a') {
            return fstring_error(f, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
        *i += 2;
        explicit_conversion = true;
    }
    Expr *spec = NULL;
    if (*i < f->n && f->s[*i] == ':') {
        (*i)++;
        Vec spec_parts = {0};
        if (!parse_text(f, &spec_parts, i, depth + 1, true)) return false;
        spec = new_sequence(f->p, EXPR_JOINED, f->t->line, f->t->col, &spec_parts);
        if (spec == NULL) return false;
        if (self_documenting && !explicit_conversion) conversion = 0; /* f"{x=:>5}" formats x, not repr(x) */
    }
    if (*i >= f->n || f->s[*i] != '}') return fstring_error(f, "f-string: expecting '}'");
    (*i)++;
    Expr *e = new_expr(f->p, EXPR_FORMATTED, value->line, value->col);
    if (e == NULL) return false;
    e->as.formatted.value = value;
    e->as.formatted.conversion = conversion == 's' ? 1 : conversion == 'r' ? 2 : conversion == 'a' ? 3 : 0;
    e->as.formatted.spec = spec;
    return grow(f->p, e, value) && (spec == NULL || grow(f->p, e, spec)) && vec_push(f->p, parts, e);
}

/* Literal text and fields from *i to the end of the body, or, in a format spec, to its closing '}'. */
static bool parse_text(FString *f, Vec *parts, uint32_t *i, int depth, bool in_spec) {
    uint32_t literal = *i;
    while (*i < f->n) {
        char c = f->s[*i];
        if (c != '{' && c != '}') {
            (*i)++;
            continue;
        }
        bool doubled = !in_spec && *i + 1 < f->n && f->s[*i + 1] == c;
        if (c == '}' && in_spec) return push_literal(f, parts, literal, *i); /* the field's end: the caller takes it */
        if (doubled) { /* {{ and }} stand for one brace */
            if (!push_literal(f, parts, literal, *i + 1)) return false;
            *i += 2;
            literal = *i;
            continue;
        }
        if (c == '}') return fstring_error(f, "f-string: single '}' is not allowed");
        if (!push_literal(f, parts, literal, *i)) return false;
        if (depth >= 2) return fstring_error(f, "f-string: expressions nested too deeply");
        (*i)++;
        if (!parse_field(f, parts, i, depth)) return false;
        literal = *i;
    }
    if (in_spec) return fstring_error(f, "f-string: expecting '}'");
    return push_literal(f, parts, literal, *i);
}

bool parse_fstring(Parser *p, const Token *t, Vec *parts) {
    FString f = {p, t, t->str, t->str_length};
    uint32_t i = 0;
    return parse_text(&f, parts, &i, 0, false);
}
