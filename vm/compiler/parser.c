/* parser.c: recursive descent from tokens to the syntax tree: statements and the entry point (see parser.h).
 *
 * Each parse function has its grammar rule above it, in CPython's notation; expressions live in
 * parse_expr.c and the shared helpers in parse_internal.h. Every function returns NULL (or false) once an
 * error is recorded, and the lexer then only yields end-of-file, so an error unwinds without further
 * messages. Statement nesting is bounded by the lexer's indentation limit, expressions by parse_expr.c.
 */
#include "objects/object.h"
#include "bytecode/opcodes.h"
#include "compiler/parse_internal.h"

static void parse_statement(Parser *p, Vec *stmts);
static void parse_simple_statements(Parser *p, Vec *stmts);

static Stmt *new_stmt(Parser *p, StmtKind kind, const Token *at) {
    Stmt *s = alloc(p, sizeof(Stmt));
    if (s == NULL) return NULL;
    s->kind = kind;
    s->line = at->line;
    s->col = at->col;
    return s;
}

static StmtList stmt_list(const Vec *v) { return (StmtList){(Stmt **)v->items, v->count}; }

/* block: ':' (NEWLINE INDENT statement+ DEDENT | simple_stmts).  [what] and [line] name the statement
 * that opened it, for CPython's "expected an indented block after 'if' statement on line 3". */
static bool parse_block(Parser *p, StmtList *body, const char *what, uint32_t line) {
    if (!expect(p, TOK_COLON)) return false;
    Vec stmts = {0};
    if (match(p, TOK_NEWLINE)) {
        if (!check(p, TOK_INDENT)) {
            return source_error(p->error, p->current.line, p->current.col,
                                "expected an indented block after %s on line %u", what, line);
        }
        advance(p);
        while (!failed(p) && !check(p, TOK_DEDENT) && !check(p, TOK_EOF)) parse_statement(p, &stmts);
        match(p, TOK_DEDENT);
    } else {
        parse_simple_statements(p, &stmts);
    }
    *body = stmt_list(&stmts);
    return !failed(p);
}

/* if_stmt: 'if' expression block ('elif' expression block)* ['else' block] */
static Stmt *parse_if(Parser *p) {
    Stmt *s = new_stmt(p, STMT_IF, &p->current);
    Vec tests = {0}, bodies = {0};
    while (s != NULL && check(p, tests.count == 0 ? TOK_IF : TOK_ELIF)) {
        Token keyword = p->current;
        advance(p);
        Expr *test = parse_expression(p);
        StmtList *body = alloc(p, sizeof(StmtList));
        if (test == NULL || body == NULL || !vec_push(p, &tests, test) || !vec_push(p, &bodies, body)) return NULL;
        if (!parse_block(p, body, keyword.kind == TOK_IF ? "'if' statement" : "'elif' statement", keyword.line))
            return NULL;
    }
    if (s == NULL) return NULL;
    s->as.if_.count = tests.count;
    s->as.if_.tests = (Expr **)tests.items;
    s->as.if_.bodies = alloc(p, sizeof(StmtList) * bodies.count);
    if (s->as.if_.bodies == NULL) return NULL;
    for (uint32_t i = 0; i < bodies.count; i++) s->as.if_.bodies[i] = *(StmtList *)bodies.items[i];
    Token keyword = p->current;
    if (match(p, TOK_ELSE) && !parse_block(p, &s->as.if_.orelse, "'else' statement", keyword.line)) return NULL;
    return s;
}

/* while_stmt: 'while' expression block ['else' block]
 * for_stmt: 'for' star_targets 'in' expressions block ['else' block] */
static Stmt *parse_loop(Parser *p) {
    Token keyword = p->current;
    bool is_for = keyword.kind == TOK_FOR;
    Stmt *s = new_stmt(p, is_for ? STMT_FOR : STMT_WHILE, &keyword);
    if (s == NULL) return NULL;
    advance(p);
    if (is_for) {
        s->as.loop.target = parse_for_targets(p);
        if (s->as.loop.target == NULL || !parse_check_target(p, s->as.loop.target) || !expect(p, TOK_IN)) return NULL;
        s->as.loop.iter = parse_expressions(p);
    } else {
        s->as.loop.iter = parse_expression(p);
    }
    if (s->as.loop.iter == NULL) return NULL;
    if (!parse_block(p, &s->as.loop.body, is_for ? "'for' statement" : "'while' statement", keyword.line)) return NULL;
    Token else_keyword = p->current;
    if (match(p, TOK_ELSE) && !parse_block(p, &s->as.loop.orelse, "'else' statement", else_keyword.line)) return NULL;
    return s;
}

/* except_block: 'except' expression ['as' NAME] block | 'except' block */
static bool parse_except(Parser *p, Vec *handlers) {
    Token keyword = p->current;
    advance(p);
    ExceptHandler *h = alloc(p, sizeof(ExceptHandler));
    if (h == NULL) return false;
    h->line = keyword.line;
    h->col = keyword.col;
    if (!check(p, TOK_COLON)) {
        if ((h->type = parse_expression(p)) == NULL) return false;
        if (check(p, TOK_COMMA))
            return error_at_token(p, &p->current, "multiple exception types must be parenthesized");
        if (match(p, TOK_AS) && (h->name = expect_name(p)) == NULL) return false;
    }
    return parse_block(p, &h->body, "'except' statement", keyword.line) && vec_push(p, handlers, h);
}

/* try_stmt: 'try' block finally_block
 *         | 'try' block except_block+ ['else' block] ['finally' block] */
static Stmt *parse_try(Parser *p) {
    Token keyword = p->current;
    Stmt *s = new_stmt(p, STMT_TRY, &keyword);
    if (s == NULL) return NULL;
    advance(p);
    if (!parse_block(p, &s->as.try_.body, "'try' statement", keyword.line)) return NULL;
    Vec handlers = {0};
    while (check(p, TOK_EXCEPT)) {
        ExceptHandler *last = handlers.count > 0 ? handlers.items[handlers.count - 1] : NULL;
        if (last != NULL && last->type == NULL) {
            source_error(p->error, last->line, last->col, "default 'except:' must be last");
            return NULL;
        }
        if (!parse_except(p, &handlers)) return NULL;
    }
    s->as.try_.nhandlers = handlers.count;
    s->as.try_.handlers = alloc(p, sizeof(ExceptHandler) * (handlers.count + 1));
    if (s->as.try_.handlers == NULL) return NULL;
    for (uint32_t i = 0; i < handlers.count; i++) s->as.try_.handlers[i] = *(ExceptHandler *)handlers.items[i];
    Token else_keyword = p->current;
    if (handlers.count > 0 && match(p, TOK_ELSE) &&
        !parse_block(p, &s->as.try_.orelse, "'else' statement", else_keyword.line))
        return NULL;
    Token finally_keyword = p->current;
    if (match(p, TOK_FINALLY)) {
        s->as.try_.has_finally = true;
        if (!parse_block(p, &s->as.try_.finalbody, "'finally' statement", finally_keyword.line)) return NULL;
    }
    if (handlers.count == 0 && !s->as.try_.has_finally) {
        error_at_token(p, &p->current, "expected 'except' or 'finally' block");
        return NULL;
    }
    return s;
}

/* param: NAME [':' expression] ['=' expression]; a lambda's ([annotations] false) take no annotation.
 * [keyword_only] parameters may go without a default after one with. */
static bool parse_one_param(Parser *p, Vec *params, Vec *all, bool annotations, bool keyword_only, bool allow_default) {
    Token t = p->current;
    Param *param = alloc(p, sizeof(Param));
    if (param == NULL || (param->name = expect_name(p)) == NULL) return false;
    param->line = t.line;
    param->col = t.col;
    for (uint32_t i = 0; i < all->count; i++) {
        if (strcmp(((Param *)all->items[i])->name, param->name) == 0)
            return source_error(p->error, t.line, t.col, "duplicate argument '%s' in function definition", param->name);
    }
    if (annotations && match(p, TOK_COLON) && parse_expression(p) == NULL) return false; /* accepted and ignored */
    if (allow_default && match(p, TOK_ASSIGN)) {
        if ((param->default_value = parse_expression(p)) == NULL) return false;
    } else if (!keyword_only && params->count > 0 && ((Param *)params->items[params->count - 1])->default_value != NULL) {
        return error_at_token(p, &t, "non-default argument follows default argument");
    }
    return vec_push(p, params, param) && vec_push(p, all, param);
}

/* parameters: [params '/' ','] [params] ['*' [NAME] (',' param)*] ['**' NAME] [','], up to [closer], with
 * CPython's errors for a misplaced '/', '*' or '**'. */
bool parse_parameters(Parser *p, TokenKind closer, bool annotations, ParamList *out) {
    Vec positional = {0}, kwonly = {0}, all = {0};
    Param *varargs = NULL, *varkw = NULL;
    bool star = false, slash = false;
    memset(out, 0, sizeof *out);
    while (!check(p, closer)) {
        Token t = p->current;
        if (varkw != NULL) return error_at_token(p, &t, "arguments cannot follow var-keyword argument");
        if (match(p, TOK_SLASH)) {
            if (slash) return error_at_token(p, &t, "/ may appear only once");
            if (star) return error_at_token(p, &t, "/ must be ahead of *");
            if (positional.count == 0) return error_at_token(p, &t, "at least one argument must precede /");
            slash = true;
            out->nposonly = positional.count;
        } else if (match(p, TOK_STAR)) {
            if (star) return error_at_token(p, &t, "* argument may appear only once");
            star = true;
            if (check(p, TOK_NAME)) {
                Vec one = {0};
                if (!parse_one_param(p, &one, &all, annotations, true, false)) return false;
                varargs = one.items[0];
            } else if (check(p, closer) || (check(p, TOK_COMMA) && peek(p)->kind == closer) || check(p, TOK_DSTAR) ||
                       (check(p, TOK_COMMA) && peek(p)->kind == TOK_DSTAR)) {
                return error_at_token(p, &t, "named arguments must follow bare *");
            }
        } else if (match(p, TOK_DSTAR)) {
            Vec one = {0};
            if (!parse_one_param(p, &one, &all, annotations, true, false)) return false;
            varkw = one.items[0];
        } else if (!parse_one_param(p, star ? &kwonly : &positional, &all, annotations, star, true)) {
            return false;
        }
        if (!match(p, TOK_COMMA)) break;
    }
    out->npos = positional.count;
    out->nkwonly = kwonly.count;
    out->varargs = varargs != NULL;
    out->varkw = varkw != NULL;
    out->count = positional.count + kwonly.count + out->varargs + out->varkw;
    out->items = alloc(p, sizeof(Param) * (out->count + 1));
    if (out->items == NULL) return false;
    uint32_t n = 0;
    for (uint32_t i = 0; i < positional.count; i++) out->items[n++] = *(Param *)positional.items[i];
    for (uint32_t i = 0; i < kwonly.count; i++) out->items[n++] = *(Param *)kwonly.items[i];
    if (varargs != NULL) out->items[n++] = *varargs;
    if (varkw != NULL) out->items[n++] = *varkw;
    return true;
}

/* function_def: 'def' NAME '(' [param (',' param)* [',']] ')' ['->' expression] block */
static Stmt *parse_def(Parser *p) {
    Token keyword = p->current;
    Stmt *s = new_stmt(p, STMT_DEF, &keyword);
    if (s == NULL) return NULL;
    advance(p);
    if ((s->as.def.name = expect_name(p)) == NULL || !expect(p, TOK_LPAREN)) return NULL;
    if (!parse_parameters(p, TOK_RPAREN, true, &s->as.def.params) || !expect(p, TOK_RPAREN)) return NULL;
    if (match(p, TOK_ARROW) && parse_expression(p) == NULL) return NULL;
    return parse_block(p, &s->as.def.body, "function definition", keyword.line) ? s : NULL;
}

/* dotted_name: NAME ('.' NAME)* , returned joined with dots */
static const char *parse_dotted_name(Parser *p) {
    /* Joined from each name token's own text, not from the source between the first and the last: a
     * non-ASCII name's text is its NFKC form, which lives in the arena, not in the source. */
    enum { MAX_PARTS = 64 };
    Token parts[MAX_PARTS];
    int count = 0;
    size_t length = 0;
    do {
        if (count > 0) advance(p); /* the '.' */
        if (count == MAX_PARTS) {
            error_at_token(p, &p->current, "too many parts in a dotted name");
            return NULL;
        }
        parts[count] = p->current;
        if (expect_name(p) == NULL) return NULL;
        length += parts[count].length + (count > 0);
        count++;
    } while (check(p, TOK_DOT) && peek(p)->kind == TOK_NAME);
    char *name = alloc(p, length + 1);
    if (name == NULL) return NULL;
    size_t n = 0;
    for (int i = 0; i < count; i++) {
        if (i > 0) name[n++] = '.';
        memcpy(name + n, parts[i].start, parts[i].length);
        n += parts[i].length;
    }
    name[n] = '\0';
    return name;
}

/* import_name: 'import' dotted_name ['as' NAME] (',' dotted_name ['as' NAME])*
 * import_from: 'from' dotted_name 'import' ('(' names [','] ')' | names) ; names: NAME ['as' NAME] (',' ...)* */
static Stmt *parse_import(Parser *p) {
    Token keyword = p->current;
    Stmt *s = new_stmt(p, STMT_IMPORT, &keyword);
    if (s == NULL) return NULL;
    advance(p);
    bool from = keyword.kind == TOK_FROM;
    if (from) {
        if (check(p, TOK_DOT) || check(p, TOK_ELLIPSIS)) {
            error_at_token(p, &p->current, "relative imports are not supported by cpvm");
            return NULL;
        }
        if ((s->as.import.from = parse_dotted_name(p)) == NULL || !expect(p, TOK_IMPORT)) return NULL;
        if (check(p, TOK_STAR)) {
            error_at_token(p, &p->current, "'from ... import *' is not supported by cpvm");
            return NULL;
        }
    }
    bool parens = from && match(p, TOK_LPAREN);
    Vec names = {0};
    do {
        if (parens && check(p, TOK_RPAREN)) break;
        ImportName *n = alloc(p, sizeof(ImportName));
        if (n == NULL) return NULL;
        n->line = p->current.line;
        n->col = p->current.col;
        if ((n->name = from ? expect_name(p) : parse_dotted_name(p)) == NULL) return NULL;
        n->asname = n->name;
        if (match(p, TOK_AS) && (n->asname = expect_name(p)) == NULL) return NULL;
        if (!vec_push(p, &names, n)) return NULL;
    } while (match(p, TOK_COMMA));
    if (parens && !expect(p, TOK_RPAREN)) return NULL;
    s->as.import.count = names.count;
    s->as.import.names = alloc(p, sizeof(ImportName) * names.count);
    if (s->as.import.names == NULL) return NULL;
    for (uint32_t i = 0; i < names.count; i++) s->as.import.names[i] = *(ImportName *)names.items[i];
    return s;
}

/* global_stmt: 'global' NAME (',' NAME)*      nonlocal_stmt: 'nonlocal' NAME (',' NAME)* */
static Stmt *parse_global(Parser *p) {
    Stmt *s = new_stmt(p, check(p, TOK_NONLOCAL) ? STMT_NONLOCAL : STMT_GLOBAL, &p->current);
    if (s == NULL) return NULL;
    advance(p);
    Vec names = {0};
    do {
        const char *name = expect_name(p);
        if (name == NULL || !vec_push(p, &names, (void *)name)) return NULL;
    } while (match(p, TOK_COMMA));
    s->as.names.items = (const char **)names.items;
    s->as.names.count = names.count;
    return s;
}

static bool at_statement_end(Parser *p) {
    return check(p, TOK_NEWLINE) || check(p, TOK_SEMICOLON) || check(p, TOK_EOF);
}

/* The BinaryOp of an augmented assignment token ('+=' ... '>>='), or -1. */
static int augmented_op(TokenKind kind) {
    static const int ops[] = {NB_ADD, NB_SUBTRACT, NB_MULTIPLY, NB_TRUE_DIVIDE, NB_FLOOR_DIVIDE, NB_REMAINDER,
                              NB_POWER, NB_AND, NB_OR, NB_XOR, NB_LSHIFT, NB_RSHIFT};
    if (kind < TOK_PLUS_EQ || kind > TOK_RSHIFT_EQ) return -1;
    return ops[kind - TOK_PLUS_EQ];
}

/* assignment: (star_targets '=')+ expressions | target augassign expressions | target ':' expression ['=' expressions]
 * star_expressions (an expression statement) */
static Stmt *parse_expression_statement(Parser *p) {
    Token start = p->current;
    Expr *first = parse_expressions_or_yield(p);
    if (first == NULL) return NULL;
    int aug = augmented_op(p->current.kind);
    if (check(p, TOK_AT_EQ)) {
        error_at_token(p, &p->current, "the @ operator is not supported by cpvm");
        return NULL;
    }
    if (aug >= 0) {
        if (first->kind == EXPR_TUPLE || first->kind == EXPR_LIST) {
            source_error(p->error, first->line, first->col, "'%s' is an illegal expression for augmented assignment",
                         first->kind == EXPR_TUPLE ? "tuple" : "list");
            return NULL;
        }
        Stmt *s = new_stmt(p, STMT_AUGASSIGN, &start);
        if (s == NULL || !parse_check_target(p, first)) return NULL;
        advance(p);
        s->as.aug.target = first;
        s->as.aug.op = aug;
        return (s->as.aug.value = parse_expressions_or_yield(p)) != NULL ? s : NULL;
    }
    if (check(p, TOK_COLON)) {
        if (first->kind == EXPR_TUPLE) {
            source_error(p->error, first->line, first->col, "only single target (not tuple) can be annotated");
            return NULL;
        }
        Stmt *s = new_stmt(p, STMT_ANNASSIGN, &start);
        if (s == NULL || !parse_check_target(p, first)) return NULL;
        advance(p);
        if (parse_expression(p) == NULL) return NULL; /* the annotation: accepted and ignored */
        s->as.ann.target = first;
        if (match(p, TOK_ASSIGN) && (s->as.ann.value = parse_expressions(p)) == NULL) return NULL;
        return s;
    }
    if (!check(p, TOK_ASSIGN)) {
        Stmt *s = new_stmt(p, STMT_EXPR, &start);
        if (s != NULL) s->as.expr = first;
        return s;
    }
    Stmt *s = new_stmt(p, STMT_ASSIGN, &start);
    Vec targets = {0};
    if (s == NULL || !vec_push(p, &targets, first)) return NULL;
    Expr *value = first;
    while (match(p, TOK_ASSIGN)) {
        if (!parse_check_target(p, value)) return NULL;
        if ((value = parse_expressions_or_yield(p)) == NULL || !vec_push(p, &targets, value)) return NULL;
    }
    targets.count--; /* the last one is the value */
    s->as.assign.targets = expr_list(&targets);
    s->as.assign.value = value;
    return s;
}

/* del_target: NAME | primary '[' slices ']' | '(' del_targets ')' | '[' del_targets ']', with CPython's
 * "cannot delete ..." for anything else. */
static bool check_del_target(Parser *p, const Expr *e) {
    switch (e->kind) {
    case EXPR_NAME: case EXPR_SUBSCR: return true;
    case EXPR_TUPLE: case EXPR_LIST:
        for (uint32_t i = 0; i < e->as.values.count; i++) {
            if (!check_del_target(p, e->as.values.items[i])) return false;
        }
        return true;
    case EXPR_ATTR: return source_error(p->error, e->line, e->col, "attribute deletion is not supported by cpvm");
    case EXPR_CALL: return source_error(p->error, e->line, e->col, "cannot delete function call");
    case EXPR_INT: case EXPR_FLOAT: case EXPR_STR: case EXPR_TRUE: case EXPR_FALSE: case EXPR_NONE:
        return source_error(p->error, e->line, e->col, "cannot delete literal");
    case EXPR_ELLIPSIS: return source_error(p->error, e->line, e->col, "cannot delete ellipsis");
    default: return source_error(p->error, e->line, e->col, "cannot delete expression");
    }
}

/* del_stmt: 'del' del_targets */
static Stmt *parse_del(Parser *p) {
    Stmt *s = new_stmt(p, STMT_DEL, &p->current);
    if (s == NULL) return NULL;
    advance(p);
    if ((s->as.expr = parse_expressions(p)) == NULL || !check_del_target(p, s->as.expr)) return NULL;
    return s;
}

/* decorators: ('@' named_expression NEWLINE)+ ; then a function_def (classes are outside the subset) */
static Stmt *parse_decorated(Parser *p) {
    Vec decorators = {0};
    while (match(p, TOK_AT)) {
        Expr *e = parse_expression(p);
        if (e == NULL || !vec_push(p, &decorators, e) || !expect(p, TOK_NEWLINE)) return NULL;
    }
    if (check(p, TOK_CLASS)) {
        error_at_token(p, &p->current, "class definitions are not supported by cpvm");
        return NULL;
    }
    if (!check(p, TOK_DEF)) {
        unexpected(p, NULL);
        return NULL;
    }
    Stmt *s = parse_def(p);
    if (s != NULL) s->as.def.decorators = expr_list(&decorators);
    return s;
}

/* simple_stmt: assignment | star_expressions | 'return' [expressions] | import | 'pass' | 'break'
 *            | 'continue' | 'global' NAME (',' NAME)* | 'assert' expression [',' expression] | del_stmt */
static Stmt *parse_simple(Parser *p) {
    Token t = p->current;
    switch (t.kind) {
    case TOK_PASS: advance(p); return new_stmt(p, STMT_PASS, &t);
    case TOK_BREAK: advance(p); return new_stmt(p, STMT_BREAK, &t);
    case TOK_CONTINUE: advance(p); return new_stmt(p, STMT_CONTINUE, &t);
    case TOK_RETURN: {
        advance(p);
        Stmt *s = new_stmt(p, STMT_RETURN, &t);
        if (s == NULL || at_statement_end(p)) return s;
        return (s->as.expr = parse_expressions(p)) != NULL ? s : NULL;
    }
    case TOK_GLOBAL: return parse_global(p);
    case TOK_IMPORT:
    case TOK_FROM: return parse_import(p);
    case TOK_ASSERT: {
        advance(p);
        Stmt *s = new_stmt(p, STMT_ASSERT, &t);
        if (s == NULL || (s->as.assert_.test = parse_expression(p)) == NULL) return NULL;
        if (match(p, TOK_COMMA) && (s->as.assert_.msg = parse_expression(p)) == NULL) return NULL;
        return s;
    }
    case TOK_DEL: return parse_del(p);
    case TOK_RAISE: {
        advance(p);
        Stmt *s = new_stmt(p, STMT_RAISE, &t);
        if (s == NULL || at_statement_end(p)) return s;
        if ((s->as.raise.exc = parse_expression(p)) == NULL) return NULL;
        if (match(p, TOK_FROM) && (s->as.raise.cause = parse_expression(p)) == NULL) return NULL;
        return s;
    }
    case TOK_NONLOCAL: return parse_global(p);
    case TOK_ELLIPSIS: {
        /* A bare `...` statement (a placeholder body) does nothing, like a docstring. */
        TokenKind after = peek(p)->kind;
        if (after == TOK_NEWLINE || after == TOK_SEMICOLON || after == TOK_EOF) {
            advance(p);
            return new_stmt(p, STMT_PASS, &t);
        }
        return parse_expression_statement(p);
    }
    default: return parse_expression_statement(p);
    }
}

/* simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE */
static void parse_simple_statements(Parser *p, Vec *stmts) {
    do {
        if (check(p, TOK_NEWLINE) && stmts->count > 0) break;
        Stmt *s = parse_simple(p);
        if (s == NULL || !vec_push(p, stmts, s)) return;
    } while (match(p, TOK_SEMICOLON));
    if (!check(p, TOK_EOF)) expect(p, TOK_NEWLINE);
}

/* with_stmt: 'with' with_item (',' with_item)* ':' block ; with_item: expression ['as' star_target]
 * (3.11's parenthesized form, `with (a as x, b as y):`, is not accepted: `(a as x` reads as a syntax
 * error; a parenthesized expression is fine.) */
static Stmt *parse_with(Parser *p) {
    Token keyword = p->current;
    Stmt *s = new_stmt(p, STMT_WITH, &keyword);
    if (s == NULL) return NULL;
    advance(p);
    Vec managers = {0}, targets = {0};
    do {
        Expr *manager = parse_expression(p);
        if (manager == NULL) return NULL;
        Expr *target = NULL;
        if (match(p, TOK_AS)) {
            target = parse_star_target(p);
            if (target == NULL || !parse_check_target(p, target)) return NULL;
        }
        if (!vec_push(p, &managers, manager)) return NULL;
        if (!vec_push(p, &targets, target)) return NULL;
    } while (match(p, TOK_COMMA));
    s->as.with.managers = (Expr **)managers.items;
    s->as.with.targets = (Expr **)targets.items;
    s->as.with.count = managers.count;
    if (!parse_block(p, &s->as.with.body, "'with' statement", keyword.line)) return NULL;
    return s;
}

/* statement: compound_stmt | simple_stmts ; classes, async and decorated classes are outside the subset */
static void parse_statement(Parser *p, Vec *stmts) {
    Token t = p->current;
    Stmt *s;
    switch (t.kind) {
    case TOK_IF: s = parse_if(p); break;
    case TOK_WHILE:
    case TOK_FOR: s = parse_loop(p); break;
    case TOK_DEF: s = parse_def(p); break;
    case TOK_CLASS: error_at_token(p, &t, "class definitions are not supported by cpvm"); return;
    case TOK_TRY: s = parse_try(p); break;
    case TOK_WITH: s = parse_with(p); break;
    case TOK_ASYNC: error_at_token(p, &t, "async functions are not supported by cpvm"); return;
    case TOK_AT: s = parse_decorated(p); break;
    case TOK_INDENT: error_at_token(p, &t, "unexpected indent"); return;
    default: parse_simple_statements(p, stmts); return;
    }
    if (s != NULL) vec_push(p, stmts, s);
}

bool parser_parse(const char *source, size_t length, Arena *arena, SourceError *error, StmtList *module) {
    Parser p = {.arena = arena, .error = error};
    lexer_init(&p.lexer, source, length, arena, error);
    advance(&p);
    Vec stmts = {0};
    while (!failed(&p) && !check(&p, TOK_EOF)) {
        if (check(&p, TOK_NEWLINE)) {
            advance(&p);
            continue;
        }
        parse_statement(&p, &stmts);
    }
    *module = (StmtList){(Stmt **)stmts.items, stmts.count};
    return !failed(&p);
}
