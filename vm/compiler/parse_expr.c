/* parse_expr.c: the expression half of the recursive-descent parser (see parser.h, parse_internal.h).
 *
 * One function per precedence level, lowest-binding last, each with its grammar rule above it. Binary
 * operators of one level are parsed by a loop (left-leaning trees); only brackets and unary operators
 * recurse, and enter() bounds that. Constructs outside the subset (comprehensions, lambda, ** in a dict
 * display, starred expressions) are rejected where they start.
 */
#include "objects/object.h"
#include "bytecode/opcodes.h"
#include "compiler/parse_internal.h"

static Expr *parse_factor(Parser *p);
static Expr *parse_bitor(Parser *p);
static bool parse_elements(Parser *p, Vec *items, TokenKind closer, bool *had_comma);
static Expr *parse_star_expression(Parser *p);

/* Joins adjacent EXPR_STR parts of an f-string into one; the joined string when nothing else is left. */
static Expr *join_parts(Parser *p, const Token *first, Vec *parts) {
    Vec joined = {0};
    for (uint32_t i = 0; i < parts->count; i++) {
        Expr *e = parts->items[i];
        Expr *last = joined.count > 0 ? joined.items[joined.count - 1] : NULL;
        if (e->kind == EXPR_STR && last != NULL && last->kind == EXPR_STR) {
            size_t length = (size_t)last->as.str.length + e->as.str.length;
            if (length > UINT32_MAX / 2) {
                error_at_token(p, first, "string literal too long");
                return NULL;
            }
            char *chars = alloc(p, length + 1);
            Expr *merged = chars == NULL ? NULL : new_expr(p, EXPR_STR, last->line, last->col);
            if (merged == NULL) return NULL;
            memcpy(chars, last->as.str.chars, last->as.str.length);
            memcpy(chars + last->as.str.length, e->as.str.chars, e->as.str.length);
            merged->as.str.chars = chars;
            merged->as.str.length = (uint32_t)length;
            joined.items[joined.count - 1] = merged;
        } else if (!vec_push(p, &joined, e)) {
            return NULL;
        }
    }
    if (joined.count == 0) {
        Expr *e = new_expr(p, EXPR_STR, first->line, first->col);
        if (e != NULL) e->as.str.chars = "";
        return e;
    }
    if (joined.count == 1 && ((Expr *)joined.items[0])->kind == EXPR_STR) return joined.items[0];
    return new_sequence(p, EXPR_JOINED, first->line, first->col, &joined);
}

/* strings: STRING+ (adjacent literals are one string; with an f-string among them, an EXPR_JOINED) */
static Expr *parse_strings(Parser *p) {
    Token first = p->current;
    size_t length = 0;
    Vec parts = {0};
    bool any_fstring = false;
    while (check(p, TOK_STRING)) {
        Token *copy = alloc(p, sizeof(Token));
        if (copy == NULL || !vec_push(p, &parts, copy)) return NULL;
        *copy = p->current;
        if (copy->is_bytes != first.is_bytes) {
            error_at_token(p, &first, "cannot mix bytes and nonbytes literals");
            return NULL;
        }
        any_fstring |= copy->is_fstring;
        length += p->current.str_length;
        advance(p);
    }
    if (any_fstring) {
        Vec pieces = {0};
        for (uint32_t i = 0; i < parts.count; i++) {
            const Token *t = parts.items[i];
            if (t->is_fstring) {
                if (!parse_fstring(p, t, &pieces)) return NULL;
                continue;
            }
            Expr *e = new_expr(p, EXPR_STR, t->line, t->col);
            if (e == NULL || !vec_push(p, &pieces, e)) return NULL;
            e->as.str.chars = t->str;
            e->as.str.length = t->str_length;
        }
        return join_parts(p, &first, &pieces);
    }
    if (length > UINT32_MAX / 2) {
        error_at_token(p, &first, "string literal too long");
        return NULL;
    }
    char *chars = alloc(p, length + 1);
    Expr *e = chars == NULL ? NULL : new_expr(p, first.is_bytes ? EXPR_BYTES : EXPR_STR, first.line, first.col);
    if (e == NULL) return NULL;
    size_t at = 0;
    for (uint32_t i = 0; i < parts.count; i++) {
        const Token *t = parts.items[i];
        memcpy(chars + at, t->str, t->str_length);
        at += t->str_length;
    }
    e->as.str.chars = chars;
    e->as.str.length = (uint32_t)length;
    return e;
}

/* An int literal outside int64 keeps its text; codegen makes the big int (objects/bigint.h). A decimal
 * one is held to CPython 3.11's default digit limit, with its compile-time message. */
static Expr *bigint_literal(Parser *p, const Token *t, bool negate) {
    bool decimal = !(t->length > 1 && t->start[0] == '0' && strchr("xXoObB", t->start[1]) != NULL);
    uint32_t digits = 0;
    for (uint32_t i = 0; i < t->length; i++) digits += t->start[i] != '_';
    if (decimal && digits > BIGINT_DEFAULT_MAX_STR_DIGITS) {
        source_error(p->error, t->line, t->col,
                     "Exceeds the limit (%d digits) for integer string conversion: value has %u digits; use "
                     "sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer "
                     "literals to avoid decimal conversion limits.",
                     BIGINT_DEFAULT_MAX_STR_DIGITS, digits);
        return NULL;
    }
    char *text = alloc(p, (size_t)t->length + 2);
    Expr *e = text == NULL ? NULL : new_expr(p, EXPR_BIGINT, t->line, t->col);
    if (e == NULL) return NULL;
    text[0] = '-';
    memcpy(text + 1, t->start, t->length);
    e->as.str.chars = negate ? text : text + 1;
    e->as.str.length = t->length + negate;
    return e;
}

static Expr *int_literal(Parser *p, const Token *t, bool negate) {
    if (t->int_overflow || (!negate && t->u > (uint64_t)INT64_MAX)) return bigint_literal(p, t, negate);
    Expr *e = new_expr(p, EXPR_INT, t->line, t->col);
    if (e != NULL) e->as.int_value = negate ? (int64_t)(0 - t->u) : (int64_t)t->u;
    return e;
}

/* '**' bitwise_or in a dict display: a pair whose key and value are one EXPR_STARRED node. */
static bool parse_dict_unpacking(Parser *p, Vec *items) {
    Token star = p->current;
    advance(p);
    Expr *e = new_expr(p, EXPR_STARRED, star.line, star.col);
    if (e == NULL || (e->as.starred.value = parse_bitor(p)) == NULL || !grow(p, e, e->as.starred.value)) return false;
    return vec_push(p, items, e) && vec_push(p, items, e);
}

/* The rest of a dict display:  [':' expr] (',' (expr ':' expr | '**' expr))* [','] '}'; [after_key]: the
 * first key was just read and its ':' value comes next. */
static bool parse_dict_items(Parser *p, Vec *items, bool after_key) {
    do {
        if (after_key) {
            if (!expect(p, TOK_COLON)) return false;
            Expr *value = parse_expression(p);
            if (value == NULL || !vec_push(p, items, value)) return false;
            if (items->count == 2 && (check(p, TOK_FOR) || check(p, TOK_ASYNC))) return true; /* the caller's */
        }
        if (!match(p, TOK_COMMA) || check(p, TOK_RBRACE)) break;
        if (check(p, TOK_DSTAR)) {
            if (!parse_dict_unpacking(p, items)) return false;
            after_key = false;
            continue;
        }
        Expr *key = parse_expression(p);
        if (key == NULL || !vec_push(p, items, key)) return false;
        after_key = true;
    } while (true);
    return expect(p, TOK_RBRACE);
}

/* Whether CPython's AST optimiser folds [e] into one constant: literals, tuples of them, and unary and
 * binary operators on numbers (except a division by a literal zero, which it leaves to fail at run time). */
static bool is_folded_constant(const Expr *e) {
    switch (e->kind) {
    case EXPR_INT: case EXPR_FLOAT: case EXPR_STR: case EXPR_TRUE: case EXPR_FALSE: case EXPR_NONE: return true;
    case EXPR_TUPLE:
        for (uint32_t i = 0; i < e->as.values.count; i++) {
            if (!is_folded_constant(e->as.values.items[i])) return false;
        }
        return true;
    case EXPR_UNARY: return is_folded_constant(e->as.unary.operand);
    case EXPR_BINARY: {
        const Expr *r = e->as.binary.right;
        bool divides = e->as.binary.op == NB_TRUE_DIVIDE || e->as.binary.op == NB_FLOOR_DIVIDE ||
                       e->as.binary.op == NB_REMAINDER;
        if (divides && ((r->kind == EXPR_INT && r->as.int_value == 0) || r->kind == EXPR_FALSE)) return false;
        return is_folded_constant(e->as.binary.left) && is_folded_constant(r);
    }
    default: return false;
    }
}

/* A set display: CPython 3.11 compiles one of 3 or more constants as a frozenset constant merged into a
 * new set, which can iterate in another order than adding the items one by one does. */
static Expr *set_display(Parser *p, const Token *brace, Vec *items) {
    bool folded = items->count > 2;
    for (uint32_t i = 0; folded && i < items->count; i++) folded = is_folded_constant(items->items[i]);
    return new_sequence(p, folded ? EXPR_CONST_SET : EXPR_SET, brace->line, brace->col, items);
}

/* dict or set display:  '{' '}'  |  '{' expr ':' expr (',' expr ':' expr)* [','] '}'
 *                     |  '{' expr (',' expr)* [','] '}'
 * Comprehensions and ** unpacking are refused where they start. */
static Expr *parse_brace(Parser *p) {
    Token brace = p->current;
    advance(p);
    Vec items = {0};
    if (match(p, TOK_RBRACE)) return new_sequence(p, EXPR_DICT, brace.line, brace.col, &items);
    if (check(p, TOK_DSTAR)) {
        if (!parse_dict_unpacking(p, &items) || !parse_dict_items(p, &items, false)) return NULL;
        return new_sequence(p, EXPR_DICT, brace.line, brace.col, &items);
    }
    Expr *first = parse_star_expression(p);
    if (first == NULL || !vec_push(p, &items, first)) return NULL;
    if (first->kind == EXPR_STARRED && (check(p, TOK_FOR) || check(p, TOK_ASYNC))) {
        error_at_token(p, &p->current, "iterable unpacking cannot be used in comprehension");
        return NULL;
    }
    if (check(p, TOK_FOR) || check(p, TOK_ASYNC)) return parse_comprehension(p, EXPR_SETCOMP, &brace, first, NULL, TOK_RBRACE);
    if (check(p, TOK_COLON)) {
        if (first->kind == EXPR_STARRED) {
            unexpected(p, NULL);
            return NULL;
        }
        if (!parse_dict_items(p, &items, true)) return NULL;
        if (check(p, TOK_FOR) || check(p, TOK_ASYNC)) {
            return parse_comprehension(p, EXPR_DICTCOMP, &brace, items.items[0], items.items[1], TOK_RBRACE);
        }
        return new_sequence(p, EXPR_DICT, brace.line, brace.col, &items);
    }
    bool had_comma;
    if (!parse_elements(p, &items, TOK_RBRACE, &had_comma)) return NULL;
    return set_display(p, &brace, &items);
}

/* The rest of a bracketed display after its first element:  (',' expr)* [','] closer */
static bool parse_elements(Parser *p, Vec *items, TokenKind closer, bool *had_comma) {
    *had_comma = false;
    while (match(p, TOK_COMMA)) {
        *had_comma = true;
        if (check(p, closer)) break;
        Expr *e = parse_star_expression(p);
        if (e == NULL || !vec_push(p, items, e)) return false;
    }
    return expect(p, closer);
}

/* group, tuple or list:  '(' [expr (',' expr)* [',']] ')'  |  '[' [expr (',' expr)* [',']] ']' */
static Expr *parse_display(Parser *p, TokenKind closer, ExprKind kind) {
    Token open = p->current;
    advance(p);
    Vec items = {0};
    if (match(p, closer)) return new_sequence(p, kind, open.line, open.col, &items);
    if (check(p, TOK_YIELD)) {
        if (closer != TOK_RPAREN) {
            error_at_token(p, &p->current, "invalid syntax");
            return NULL;
        }
        Expr *e = parse_yield(p); /* (yield x): a yield inside an expression needs its brackets */
        return e != NULL && expect(p, closer) ? e : NULL;
    }
    Expr *first = parse_star_expression(p);
    if (first == NULL) return NULL;
    if (first->kind == EXPR_STARRED && (check(p, TOK_FOR) || check(p, TOK_ASYNC))) {
        error_at_token(p, &p->current, "iterable unpacking cannot be used in comprehension");
        return NULL;
    }
    if (closer == TOK_RPAREN && (check(p, TOK_FOR) || check(p, TOK_ASYNC))) {
        return parse_comprehension(p, EXPR_GENEXP, &open, first, NULL, closer);
    }
    if (check(p, TOK_FOR) || check(p, TOK_ASYNC)) return parse_comprehension(p, EXPR_LISTCOMP, &open, first, NULL, closer);
    bool had_comma;
    if (!vec_push(p, &items, first) || !parse_elements(p, &items, closer, &had_comma)) return NULL;
    if (kind == EXPR_TUPLE && !had_comma && first->kind != EXPR_STARRED) return first; /* (x) is just x */
    if (kind == EXPR_TUPLE && !had_comma) {
        error_at_token(p, &p->previous, "cannot use starred expression here");
        return NULL;
    }
    return new_sequence(p, kind, open.line, open.col, &items);
}

/* atom: NAME | 'True' | 'False' | 'None' | strings | NUMBER | tuple | group | list | dict | set */
static Expr *parse_atom(Parser *p) {
    Token t = p->current;
    switch (t.kind) {
    case TOK_NAME: {
        advance(p);
        Expr *e = new_expr(p, EXPR_NAME, t.line, t.col);
        if (e != NULL) e->as.name = copy_name(p, &t);
        return e;
    }
    case TOK_INT: advance(p); return int_literal(p, &t, false);
    case TOK_FLOAT: {
        advance(p);
        Expr *e = new_expr(p, EXPR_FLOAT, t.line, t.col);
        if (e != NULL) e->as.float_value = t.f;
        return e;
    }
    case TOK_STRING: return parse_strings(p);
    case TOK_TRUE: advance(p); return new_expr(p, EXPR_TRUE, t.line, t.col);
    case TOK_FALSE: advance(p); return new_expr(p, EXPR_FALSE, t.line, t.col);
    case TOK_NONE: advance(p); return new_expr(p, EXPR_NONE, t.line, t.col);
    case TOK_LPAREN: return parse_display(p, TOK_RPAREN, EXPR_TUPLE);
    case TOK_LBRACKET: return parse_display(p, TOK_RBRACKET, EXPR_LIST);
    case TOK_LBRACE: return parse_brace(p);
    case TOK_ELLIPSIS: advance(p); return new_expr(p, EXPR_ELLIPSIS, t.line, t.col);
    case TOK_YIELD: error_at_token(p, &t, "invalid syntax: a yield inside an expression needs brackets"); return NULL;
    case TOK_AWAIT: error_at_token(p, &t, "async functions (await) are not supported by cpvm"); return NULL;
    default: unexpected(p, NULL); return NULL;
    }
}

/* slice: [expr] ':' [expr] [':' [expr]] | expr */
static Expr *parse_slice(Parser *p) {
    Token start = p->current;
    Expr *lower = NULL;
    if (!check(p, TOK_COLON)) {
        lower = parse_expression(p);
        if (lower == NULL || !check(p, TOK_COLON)) return lower;
    }
    Expr *e = new_expr(p, EXPR_SLICE, start.line, start.col);
    if (e == NULL) return NULL;
    advance(p); /* the first ':' */
    e->as.slice.lower = lower;
    if (!check(p, TOK_COLON) && !check(p, TOK_RBRACKET) && !check(p, TOK_COMMA)) {
        if ((e->as.slice.upper = parse_expression(p)) == NULL) return NULL;
    }
    if (match(p, TOK_COLON) && !check(p, TOK_RBRACKET) && !check(p, TOK_COMMA)) {
        if ((e->as.slice.step = parse_expression(p)) == NULL) return NULL;
    }
    if (!grow(p, e, lower) || !grow(p, e, e->as.slice.upper) || !grow(p, e, e->as.slice.step)) return NULL;
    return e;
}

/* slices: slice (',' slice)* [','] (more than one makes a tuple) */
static Expr *parse_subscript_index(Parser *p) {
    Token start = p->current;
    Expr *first = parse_slice(p);
    if (first == NULL || !check(p, TOK_COMMA)) return first;
    Vec items = {0};
    if (!vec_push(p, &items, first)) return NULL;
    while (match(p, TOK_COMMA) && !check(p, TOK_RBRACKET)) {
        Expr *e = parse_slice(p);
        if (e == NULL || !vec_push(p, &items, e)) return NULL;
    }
    return new_sequence(p, EXPR_TUPLE, start.line, start.col, &items);
}

/* arguments: (expr | '*' expr | NAME '=' expr | '**' expr) (',' ...)* [','], with CPython's rules on their
 * order: a plain positional argument comes before every keyword, a starred one before any '**'. */
static bool parse_arguments(Parser *p, Expr *call) {
    Vec args = {0}, keywords = {0};
    bool unpacked_keywords = false;
    while (!check(p, TOK_RPAREN)) {
        Token start = p->current;
        if (match(p, TOK_DSTAR)) {
            Keyword *k = alloc(p, sizeof(Keyword));
            if (k == NULL || (k->value = parse_expression(p)) == NULL) return false;
            k->line = start.line;
            k->col = start.col;
            unpacked_keywords = true;
            if (!vec_push(p, &keywords, k) || !grow(p, call, k->value)) return false;
        } else if (match(p, TOK_STAR)) {
            if (unpacked_keywords) return error_at_token(p, &start, "iterable argument unpacking follows keyword argument unpacking");
            Expr *e = new_expr(p, EXPR_STARRED, start.line, start.col);
            if (e == NULL || (e->as.starred.value = parse_expression(p)) == NULL || !grow(p, e, e->as.starred.value)) return false;
            if (!vec_push(p, &args, e) || !grow(p, call, e)) return false;
        } else if (check(p, TOK_NAME) && peek(p)->kind == TOK_ASSIGN) {
            advance(p);
            advance(p);
            Keyword *k = alloc(p, sizeof(Keyword));
            if (k == NULL) return false;
            k->name = copy_name(p, &start);
            k->line = start.line;
            k->col = start.col;
            for (uint32_t i = 0; i < keywords.count; i++) {
                const char *other = ((Keyword *)keywords.items[i])->name;
                if (other != NULL && strcmp(other, k->name) == 0) {
                    return source_error(p->error, start.line, start.col, "keyword argument repeated: %s", k->name);
                }
            }
            if ((k->value = parse_expression(p)) == NULL || !vec_push(p, &keywords, k) || !grow(p, call, k->value)) return false;
        } else {
            Expr *arg = parse_expression(p);
            if (arg == NULL) return false;
            if (check(p, TOK_FOR)) { /* f(x for x in y): the sole argument may go without its own brackets */
                if (args.count > 0 || keywords.count > 0 || unpacked_keywords)
                    return source_error(p->error, arg->line, arg->col, "Generator expression must be parenthesized");
                if ((arg = parse_comprehension_clauses(p, EXPR_GENEXP, &start, arg, NULL)) == NULL) return false;
                if (check(p, TOK_COMMA))
                    return source_error(p->error, arg->line, arg->col, "Generator expression must be parenthesized");
            }
            if (unpacked_keywords) return error_at_token(p, &start, "positional argument follows keyword argument unpacking");
            if (keywords.count > 0) return error_at_token(p, &start, "positional argument follows keyword argument");
            if (!vec_push(p, &args, arg) || !grow(p, call, arg)) return false;
        }
        if (!match(p, TOK_COMMA)) break;
    }
    if (!expect(p, TOK_RPAREN)) return false;
    call->as.call.args = expr_list(&args);
    call->as.call.nkeywords = keywords.count;
    if (keywords.count > 0) {
        call->as.call.keywords = alloc(p, sizeof(Keyword) * keywords.count);
        if (call->as.call.keywords == NULL) return false;
        for (uint32_t i = 0; i < keywords.count; i++) call->as.call.keywords[i] = *(Keyword *)keywords.items[i];
    }
    return true;
}

/* primary: atom ('.' NAME | '(' arguments ')' | '[' slices ']')* */
static Expr *parse_primary(Parser *p) {
    Expr *e = parse_atom(p);
    while (e != NULL) {
        Expr *outer;
        if (match(p, TOK_DOT)) {
            if ((outer = new_expr(p, EXPR_ATTR, e->line, e->col)) == NULL) return NULL;
            outer->as.attr.value = e;
            if ((outer->as.attr.name = expect_name(p)) == NULL) return NULL;
        } else if (check(p, TOK_LPAREN)) {
            if (!enter(p)) return NULL;
            advance(p);
            if ((outer = new_expr(p, EXPR_CALL, e->line, e->col)) == NULL) return NULL;
            outer->as.call.func = e;
            if (!parse_arguments(p, outer)) return NULL;
            p->depth--;
        } else if (check(p, TOK_LBRACKET)) {
            if (!enter(p)) return NULL;
            advance(p);
            if ((outer = new_expr(p, EXPR_SUBSCR, e->line, e->col)) == NULL) return NULL;
            outer->as.subscr.value = e;
            if ((outer->as.subscr.index = parse_subscript_index(p)) == NULL || !expect(p, TOK_RBRACKET)) return NULL;
            if (!grow(p, outer, outer->as.subscr.index)) return NULL;
            p->depth--;
        } else {
            return e;
        }
        if (!grow(p, outer, e)) return NULL;
        e = outer;
    }
    return NULL;
}

static Expr *new_binary(Parser *p, int op, Expr *left, Expr *right) {
    if (left == NULL || right == NULL) return NULL;
    Expr *e = new_expr(p, EXPR_BINARY, left->line, left->col);
    if (e == NULL) return NULL;
    e->as.binary.op = op;
    e->as.binary.left = left;
    e->as.binary.right = right;
    return grow(p, e, left) && grow(p, e, right) ? e : NULL;
}

/* power: primary ['**' factor] */
static Expr *parse_power(Parser *p) {
    Expr *base = parse_primary(p);
    if (base == NULL || !match(p, TOK_DSTAR)) return base;
    if (!enter(p)) return NULL; /* 1**1**1**...: the exponent recurses, so it counts towards the depth */
    Expr *exponent = parse_factor(p);
    p->depth--;
    return new_binary(p, NB_POWER, base, exponent);
}

/* factor: ('+' | '-' | '~') factor | power.  A minus before a number literal folds into the constant, as
 * CPython does; that is also how -9223372036854775808 (whose digits alone do not fit) is written. */
static Expr *parse_factor(Parser *p) {
    Token op = p->current;
    int opcode = op.kind == TOK_MINUS ? OP_UNARY_NEGATIVE : op.kind == TOK_PLUS ? OP_UNARY_POSITIVE
               : op.kind == TOK_TILDE ? OP_UNARY_INVERT : -1;
    if (opcode < 0) return parse_power(p);
    advance(p);
    if (opcode == OP_UNARY_NEGATIVE && check(p, TOK_INT)) {
        TokenKind after = peek(p)->kind;
        if (after != TOK_DSTAR && after != TOK_DOT && after != TOK_LPAREN && after != TOK_LBRACKET) {
            Token literal = p->current;
            advance(p);
            Expr *e = int_literal(p, &literal, true);
            if (e != NULL) {
                e->line = op.line;
                e->col = op.col;
            }
            return e;
        }
    }
    if (!enter(p)) return NULL;
    Expr *operand = parse_factor(p);
    p->depth--;
    if (operand == NULL) return NULL;
    if (opcode == OP_UNARY_NEGATIVE && operand->kind == EXPR_FLOAT) {
        operand->as.float_value = -operand->as.float_value;
        operand->col = op.col;
        return operand;
    }
    Expr *e = new_expr(p, EXPR_UNARY, op.line, op.col);
    if (e == NULL) return NULL;
    e->as.unary.op = opcode;
    e->as.unary.operand = operand;
    return grow(p, e, operand) ? e : NULL;
}

/* The BinaryOp of an operator token of one precedence level, or -1. */
static int binary_op_of(TokenKind kind, int level) {
    switch (level) {
    case 0: return kind == TOK_STAR ? NB_MULTIPLY : kind == TOK_SLASH ? NB_TRUE_DIVIDE : kind == TOK_DSLASH ? NB_FLOOR_DIVIDE
                 : kind == TOK_PERCENT ? NB_REMAINDER : -1;
    case 1: return kind == TOK_PLUS ? NB_ADD : kind == TOK_MINUS ? NB_SUBTRACT : -1;
    case 2: return kind == TOK_LSHIFT ? NB_LSHIFT : kind == TOK_RSHIFT ? NB_RSHIFT : -1;
    case 3: return kind == TOK_AMPER ? NB_AND : -1;
    case 4: return kind == TOK_CIRCUMFLEX ? NB_XOR : -1;
    default: return kind == TOK_VBAR ? NB_OR : -1;
    }
}

/* term: factor (('*' | '/' | '//' | '%') factor)*      sum: term (('+' | '-') term)*
 * shift_expr: sum (('<<' | '>>') sum)*   bitand: shift_expr ('&' shift_expr)*
 * bitxor: bitand ('^' bitand)*             bitor: bitxor ('|' bitxor)*
 * One loop per level, lowest level first: [level] 0 is term, 5 is bitor. */
static Expr *parse_binary_level(Parser *p, int level) {
    Expr *left = level == 0 ? parse_factor(p) : parse_binary_level(p, level - 1);
    while (left != NULL) {
        if (level == 0 && check(p, TOK_AT)) {
            error_at_token(p, &p->current, "the @ operator is not supported by cpvm");
            return NULL;
        }
        int op = binary_op_of(p->current.kind, level);
        if (op < 0) break;
        advance(p);
        left = new_binary(p, op, left, level == 0 ? parse_factor(p) : parse_binary_level(p, level - 1));
    }
    return left;
}

static Expr *parse_bitor(Parser *p) { return parse_binary_level(p, 5); }

/* The comparison operator at the current token (consuming it), or -1. */
static int match_compare_op(Parser *p) {
    int op;
    switch (p->current.kind) {
    case TOK_LT: op = CMP_LT; break;
    case TOK_LE: op = CMP_LE; break;
    case TOK_EQ: op = CMP_EQ; break;
    case TOK_NE: op = CMP_NE; break;
    case TOK_GT: op = CMP_GT; break;
    case TOK_GE: op = CMP_GE; break;
    case TOK_IN: op = AST_CMP_IN; break;
    case TOK_IS:
        advance(p);
        return match(p, TOK_NOT) ? AST_CMP_IS_NOT : AST_CMP_IS;
    case TOK_NOT:
        if (peek(p)->kind != TOK_IN) return -1;
        advance(p);
        advance(p);
        return AST_CMP_NOT_IN;
    default: return -1;
    }
    advance(p);
    return op;
}

/* comparison: bitor (compare_op bitor)* */
static Expr *parse_comparison(Parser *p) {
    Expr *left = parse_bitor(p);
    if (left == NULL) return NULL;
    int op = match_compare_op(p);
    if (op < 0) return left;
    Expr *e = new_expr(p, EXPR_COMPARE, left->line, left->col);
    Vec ops = {0}, rights = {0};
    if (e == NULL || !grow(p, e, left)) return NULL;
    e->as.compare.left = left;
    while (op >= 0) {
        Expr *right = parse_bitor(p);
        if (right == NULL || !vec_push(p, &ops, (void *)(intptr_t)op) || !vec_push(p, &rights, right)) return NULL;
        if (!grow(p, e, right)) return NULL;
        op = match_compare_op(p);
    }
    e->as.compare.count = ops.count;
    e->as.compare.rights = (Expr **)rights.items;
    e->as.compare.ops = alloc(p, sizeof(int) * ops.count);
    if (e->as.compare.ops == NULL) return NULL;
    for (uint32_t i = 0; i < ops.count; i++) e->as.compare.ops[i] = (int)(intptr_t)ops.items[i];
    return e;
}

/* inversion: 'not' inversion | comparison */
static Expr *parse_inversion(Parser *p) {
    if (!check(p, TOK_NOT)) return parse_comparison(p);
    Token op = p->current;
    advance(p);
    if (!enter(p)) return NULL;
    Expr *operand = parse_inversion(p);
    p->depth--;
    Expr *e = operand == NULL ? NULL : new_expr(p, EXPR_UNARY, op.line, op.col);
    if (e == NULL) return NULL;
    e->as.unary.op = OP_UNARY_NOT;
    e->as.unary.operand = operand;
    return grow(p, e, operand) ? e : NULL;
}

/* conjunction: inversion ('and' inversion)*      disjunction: conjunction ('or' conjunction)* */
static Expr *parse_bool(Parser *p, bool is_and) {
    Expr *first = is_and ? parse_inversion(p) : parse_bool(p, true);
    if (first == NULL || !check(p, is_and ? TOK_AND : TOK_OR)) return first;
    Vec values = {0};
    if (!vec_push(p, &values, first)) return NULL;
    while (match(p, is_and ? TOK_AND : TOK_OR)) {
        Expr *next = is_and ? parse_inversion(p) : parse_bool(p, true);
        if (next == NULL || !vec_push(p, &values, next)) return NULL;
    }
    return new_sequence(p, is_and ? EXPR_AND : EXPR_OR, first->line, first->col, &values);
}

Expr *parse_disjunction(Parser *p) {
    if (!enter(p)) return NULL;
    Expr *e = parse_bool(p, false);
    p->depth--;
    return e;
}

/* expression: disjunction ['if' disjunction 'else' expression] | lambdef */
Expr *parse_expression(Parser *p) {
    if (check(p, TOK_DSTAR)) {
        error_at_token(p, &p->current, "**kwargs arguments are not supported by cpvm");
        return NULL;
    }
    if (check(p, TOK_LAMBDA)) return parse_lambda(p);
    if (!enter(p)) return NULL;
    Expr *e = parse_bool(p, false);
    if (e != NULL && match(p, TOK_IF)) {
        Expr *test = parse_bool(p, false);
        Expr *outer = test == NULL || !expect(p, TOK_ELSE) ? NULL : new_expr(p, EXPR_IFELSE, e->line, e->col);
        if (outer == NULL) return NULL;
        outer->as.ifelse.body = e;
        outer->as.ifelse.test = test;
        if ((outer->as.ifelse.orelse = parse_expression(p)) == NULL) return NULL;
        if (!grow(p, outer, e) || !grow(p, outer, test) || !grow(p, outer, outer->as.ifelse.orelse)) return NULL;
        e = outer;
    }
    if (e != NULL && check(p, TOK_WALRUS)) {
        /* named_expression: NAME ':=' expression */
        if (e->kind != EXPR_NAME) {
            source_error(p->error, e->line, e->col, "cannot use assignment expressions with %s",
                         e->kind == EXPR_SUBSCR ? "subscript" : e->kind == EXPR_ATTR ? "attribute" : "expression");
            return NULL;
        }
        advance(p);
        Expr *named = new_expr(p, EXPR_NAMED, e->line, e->col);
        if (named == NULL) return NULL;
        named->as.named.name = e->as.name;
        if ((named->as.named.value = parse_expression(p)) == NULL || !grow(p, named, named->as.named.value)) return NULL;
        e = named;
    }
    p->depth--;
    return e;
}

/* expressions: expression (',' expression)* [',']  (a comma makes a tuple) */
/* star_expression: '*' bitwise_or | expression */
static Expr *parse_star_expression(Parser *p) {
    if (!check(p, TOK_STAR)) return parse_expression(p);
    Token star = p->current;
    advance(p);
    Expr *e = new_expr(p, EXPR_STARRED, star.line, star.col);
    if (e == NULL || (e->as.starred.value = parse_bitor(p)) == NULL || !grow(p, e, e->as.starred.value)) return NULL;
    return e;
}

Expr *parse_expressions(Parser *p) {
    Expr *first = parse_star_expression(p);
    if (first == NULL || !check(p, TOK_COMMA)) return first;
    Vec items = {0};
    if (!vec_push(p, &items, first)) return NULL;
    while (match(p, TOK_COMMA)) {
        TokenKind k = p->current.kind;
        if (k == TOK_NEWLINE || k == TOK_ASSIGN || k == TOK_RPAREN || k == TOK_COLON || k == TOK_SEMICOLON ||
            k == TOK_EOF || (k >= TOK_PLUS_EQ && k <= TOK_AT_EQ))
            break;
        Expr *e = parse_star_expression(p);
        if (e == NULL || !vec_push(p, &items, e)) return NULL;
    }
    return new_sequence(p, EXPR_TUPLE, first->line, first->col, &items);
}

/* star_targets (for a for loop): bitor (',' bitor)* [','] -- not full expressions, so 'in' ends them */
Expr *parse_star_target(Parser *p) {
    if (!check(p, TOK_STAR)) return parse_bitor(p);
    return parse_star_expression(p);
}

Expr *parse_for_targets(Parser *p) {
    Expr *first = parse_star_target(p);
    if (first == NULL || !check(p, TOK_COMMA)) return first;
    Vec items = {0};
    if (!vec_push(p, &items, first)) return NULL;
    while (match(p, TOK_COMMA) && !check(p, TOK_IN)) {
        Expr *e = parse_star_target(p);
        if (e == NULL || !vec_push(p, &items, e)) return NULL;
    }
    return new_sequence(p, EXPR_TUPLE, first->line, first->col, &items);
}

/* Checks that [e] can be assigned to: a name, a subscript, or a tuple or list of targets. */
bool parse_check_target(Parser *p, const Expr *e) {
    const char *what;
    switch (e->kind) {
    case EXPR_NAME:
    case EXPR_SUBSCR: return true;
    case EXPR_TUPLE:
    case EXPR_LIST: {
        bool starred = false;
        for (uint32_t i = 0; i < e->as.values.count; i++) {
            const Expr *item = e->as.values.items[i];
            if (item->kind == EXPR_STARRED) {
                if (starred) return source_error(p->error, e->line, e->col, "multiple starred expressions in assignment");
                starred = true;
                if (!parse_check_target(p, item->as.starred.value)) return false;
            } else if (!parse_check_target(p, item)) {
                return false;
            }
        }
        return true;
    }
    case EXPR_STARRED:
        return source_error(p->error, e->line, e->col, "starred assignment target must be in a list or tuple");
    case EXPR_ATTR:
        return source_error(p->error, e->line, e->col, "attribute assignment is not supported by cpvm");
    case EXPR_INT: case EXPR_BIGINT: case EXPR_FLOAT: case EXPR_STR: what = "literal"; break;
    case EXPR_TRUE: what = "True"; break;
    case EXPR_FALSE: what = "False"; break;
    case EXPR_NONE: what = "None"; break;
    case EXPR_ELLIPSIS: what = "ellipsis"; break;
    case EXPR_CALL: what = "function call"; break;
    case EXPR_COMPARE: what = "comparison"; break;
    case EXPR_IFELSE: what = "conditional expression"; break;
    default: what = "expression"; break;
    }
    return source_error(p->error, e->line, e->col, "cannot assign to %s", what);
}

Expr *parse_yield(Parser *p) {
    Token t = p->current;
    advance(p); /* 'yield' */
    Expr *e = new_expr(p, EXPR_YIELD, t.line, t.col);
    if (e == NULL) return NULL;
    if (match(p, TOK_FROM)) {
        e->as.yield.from = true;
        return (e->as.yield.value = parse_expression(p)) != NULL ? e : NULL;
    }
    /* A bare yield ends at whatever cannot start an expression: ')', '=', a newline, ... */
    TokenKind k = p->current.kind;
    if (k == TOK_RPAREN || k == TOK_NEWLINE || k == TOK_ASSIGN || k == TOK_SEMICOLON || k == TOK_EOF ||
        k == TOK_RBRACKET || k == TOK_RBRACE || k == TOK_COLON || k == TOK_COMMA) {
        return e;
    }
    return (e->as.yield.value = parse_expressions(p)) != NULL ? e : NULL;
}

Expr *parse_expressions_or_yield(Parser *p) {
    return check(p, TOK_YIELD) ? parse_yield(p) : parse_expressions(p);
}
