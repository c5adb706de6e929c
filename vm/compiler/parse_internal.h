/* parse_internal.h: what parser.c (statements) and parse_expr.c (expressions) share.
 *
 * The Parser state, the token helpers both halves use, node constructors that enforce the depth bounds,
 * and the expression rules the statement parser calls. Nothing outside the parser includes this.
 */
#ifndef cpvm_parse_internal_h
#define cpvm_parse_internal_h

#include <stdio.h>
#include <string.h>

#include "compiler/parser.h"

/* Nested parse calls allowed; each costs a few hundred bytes of C stack. */
#define MAX_PARSE_DEPTH 1000

typedef struct {
    Lexer lexer;
    Token current;
    Token lookahead; /* valid when has_lookahead */
    bool has_lookahead;
    Token previous;
    Arena *arena;
    SourceError *error;
    int depth;
} Parser;

/* A list being built: grows by doubling inside the arena (the old copies are dropped with it). */
typedef struct {
    void **items;
    uint32_t count, capacity;
} Vec;

/* --- Helpers ------------------------------------------------------------------------------------------ */

static inline bool failed(Parser *p) { return p->error->set; }

static inline bool error_at_token(Parser *p, const Token *t, const char *message) {
    return source_error(p->error, t->line, t->col, "%s", message);
}

static inline void *out_of_memory(Parser *p) {
    source_error(p->error, p->current.line, p->current.col, "out of memory");
    return NULL;
}

static inline void *alloc(Parser *p, size_t size) {
    void *result = arena_alloc(p->arena, size);
    if (result == NULL) out_of_memory(p);
    return result;
}

static inline bool vec_push(Parser *p, Vec *v, void *item) {
    if (v->count == v->capacity) {
        uint32_t capacity = v->capacity == 0 ? 4 : v->capacity * 2;
        void **items = alloc(p, sizeof(void *) * capacity);
        if (items == NULL) return false;
        if (v->count > 0) memcpy(items, v->items, sizeof(void *) * v->count);
        v->items = items;
        v->capacity = capacity;
    }
    v->items[v->count++] = item;
    return true;
}

static inline void advance(Parser *p) {
    p->previous = p->current;
    if (p->has_lookahead) {
        p->current = p->lookahead;
        p->has_lookahead = false;
    } else {
        lexer_next(&p->lexer, &p->current);
    }
}

static inline const Token *peek(Parser *p) {
    if (!p->has_lookahead) {
        lexer_next(&p->lexer, &p->lookahead);
        p->has_lookahead = true;
    }
    return &p->lookahead;
}

static inline bool check(Parser *p, TokenKind kind) { return p->current.kind == kind; }

static inline bool match(Parser *p, TokenKind kind) {
    if (!check(p, kind)) return false;
    advance(p);
    return true;
}

/* The error for an unexpected current token: CPython's "invalid syntax", or what was expected. */
static inline bool unexpected(Parser *p, const char *expected) {
    const Token *t = &p->current;
    /* Past the line of a bracket still open, the real mistake is usually that bracket (CPython's rule). */
    const Lexer *lx = &p->lexer;
    if (lx->paren_depth > 0 && t->line > lx->parens[lx->paren_depth - 1].line) {
        const Token *open = &lx->parens[lx->paren_depth - 1];
        return source_error(p->error, open->line, open->col, "'%c' was never closed", *open->start);
    }
    if (t->kind == TOK_INDENT) return error_at_token(p, t, "unexpected indent");
    if (t->kind == TOK_DEDENT) return error_at_token(p, t, "unindent does not match any outer indentation level");
    if (expected == NULL) return error_at_token(p, t, "invalid syntax");
    char message[96];
    snprintf(message, sizeof message, "expected %s", expected);
    return error_at_token(p, t, message);
}

static inline bool expect(Parser *p, TokenKind kind) {
    if (match(p, kind)) return true;
    return unexpected(p, token_names[kind]);
}

static inline const char *copy_name(Parser *p, const Token *t) {
    char *name = arena_strdup(p->arena, t->start, t->length);
    if (name == NULL) out_of_memory(p);
    return name;
}

static inline const char *expect_name(Parser *p) {
    if (!check(p, TOK_NAME)) {
        unexpected(p, "a name");
        return NULL;
    }
    advance(p);
    return copy_name(p, &p->previous);
}

static inline Expr *new_expr(Parser *p, ExprKind kind, uint32_t line, uint32_t col) {
    Expr *e = alloc(p, sizeof(Expr));
    if (e == NULL) return NULL;
    e->kind = kind;
    e->line = line;
    e->col = col;
    e->depth = 1;
    return e;
}

/* Makes [parent] one taller than [child], refusing trees the compiler could not recurse over. */
static inline bool grow(Parser *p, Expr *parent, const Expr *child) {
    if (child != NULL && child->depth + 1 > parent->depth) parent->depth = child->depth + 1;
    if (parent->depth > CPVM_MAX_AST_DEPTH) {
        return source_error(p->error, parent->line, parent->col,
                            "expression too complex (nested deeper than %d)", CPVM_MAX_AST_DEPTH);
    }
    return true;
}

static inline bool enter(Parser *p) {
    if (++p->depth > MAX_PARSE_DEPTH) {
        return source_error(p->error, p->current.line, p->current.col,
                            "expression too complex (nested deeper than %d)", MAX_PARSE_DEPTH);
    }
    return true;
}

static inline ExprList expr_list(const Vec *v) { return (ExprList){(Expr **)v->items, v->count}; }

static inline Expr *new_sequence(Parser *p, ExprKind kind, uint32_t line, uint32_t col, const Vec *items) {
    Expr *e = new_expr(p, kind, line, col);
    if (e == NULL) return NULL;
    e->as.values = expr_list(items);
    for (uint32_t i = 0; i < items->count; i++) {
        if (!grow(p, e, items->items[i])) return NULL;
    }
    return e;
}

/* --- Expression rules (parse_expr.c) -------------------------------------------------------------------- */

/* expression: disjunction ['if' disjunction 'else' expression] */
Expr *parse_expression(Parser *p);
/* expressions: expression (',' expression)* [','] -- a comma makes a tuple */
Expr *parse_expressions(Parser *p);
/* yield_expr: 'yield' 'from' expression | 'yield' [expressions]; at the 'yield' token. */
Expr *parse_yield(Parser *p);
/* expressions, or a yield_expr (what an assignment's right side and an expression statement may be) */
Expr *parse_expressions_or_yield(Parser *p);
/* star_targets of a for loop: bitor (',' bitor)* [','], so that 'in' ends them */
Expr *parse_for_targets(Parser *p);
/* One assignment target (star_target): a name, subscript, or bracketed list of targets; `with ... as T`. */
Expr *parse_star_target(Parser *p);
/* disjunction: conjunction ('or' conjunction)* -- a comprehension's iterables and conditions */
Expr *parse_disjunction(Parser *p);
/* Checks that [e] can be assigned to: a name, a subscript, or a tuple or list of targets. */
bool parse_check_target(Parser *p, const Expr *e);

/* --- Functions (parser.c) and lambdas and comprehensions (parse_comp.c) ----------------------------------- */

/* The parameters of a def ([annotations] true) or a lambda, up to (not including) [closer]. */
bool parse_parameters(Parser *p, TokenKind closer, bool annotations, ParamList *out);
/* lambdef: 'lambda' [params] ':' expression; the current token is 'lambda'. */
Expr *parse_lambda(Parser *p);
/* The `for ... [if ...]` clauses after the element [elt] (and [value], a dict comprehension's) of a
 * comprehension of [kind] opened by [open], up to and including [closer]. */
Expr *parse_comprehension(Parser *p, ExprKind kind, const Token *open, Expr *elt, Expr *value, TokenKind closer);
Expr *parse_comprehension_clauses(Parser *p, ExprKind kind, const Token *open, Expr *elt, Expr *value);

/* --- f-strings (parse_fstring.c) ---------------------------------------------------------------------------- */

/* Appends the parts of f-string token [t] to [parts]: EXPR_STR text and EXPR_FORMATTED fields. */
bool parse_fstring(Parser *p, const Token *t, Vec *parts);

#endif
