/* parse_comp.c: the expressions that open a scope of their own: lambdas and comprehensions.
 *
 * parse_expr.c calls parse_lambda where an expression starts with 'lambda', and parse_comprehension when a
 * display's first element is followed by 'for'. The nodes they build become nested functions (scope.c
 * decides their names' scopes, compile_func.c emits them), as in CPython 3.11.
 */
#include "compiler/parse_internal.h"

/* lambdef: 'lambda' [lambda_params] ':' expression
 * lambda_params: NAME ['=' expression] (',' NAME ['=' expression])* [','] */
Expr *parse_lambda(Parser *p) {
    Token keyword = p->current;
    advance(p);
    Expr *e = new_expr(p, EXPR_LAMBDA, keyword.line, keyword.col);
    if (e == NULL || !parse_parameters(p, TOK_COLON, false, &e->as.lambda.params) || !expect(p, TOK_COLON)) return NULL;
    if (!enter(p)) return NULL;
    e->as.lambda.body = parse_expression(p);
    p->depth--;
    if (e->as.lambda.body == NULL || !grow(p, e, e->as.lambda.body)) return NULL;
    for (uint32_t i = 0; i < e->as.lambda.params.count; i++) {
        if (!grow(p, e, e->as.lambda.params.items[i].default_value)) return NULL;
    }
    return e;
}

/* for_if_clause: 'for' star_targets 'in' disjunction ('if' disjunction)* */
static bool parse_for_clause(Parser *p, Expr *comp, CompFor *clause) {
    if (check(p, TOK_ASYNC)) return error_at_token(p, &p->current, "asynchronous comprehensions are not supported by cpvm");
    clause->line = p->current.line;
    clause->col = p->current.col;
    if (!expect(p, TOK_FOR)) return false;
    clause->target = parse_for_targets(p);
    if (clause->target == NULL || !parse_check_target(p, clause->target) || !expect(p, TOK_IN)) return false;
    clause->iter = parse_disjunction(p);
    if (clause->iter == NULL || !grow(p, comp, clause->iter) || !grow(p, comp, clause->target)) return false;
    Vec ifs = {0};
    while (match(p, TOK_IF)) {
        Expr *test = parse_disjunction(p);
        if (test == NULL || !vec_push(p, &ifs, test) || !grow(p, comp, test)) return false;
    }
    clause->ifs = expr_list(&ifs);
    return true;
}

/* listcomp: '[' named_expression for_if_clause+ ']'     setcomp: '{' ... '}'
 * dictcomp: '{' kvpair for_if_clause+ '}' */
Expr *parse_comprehension(Parser *p, ExprKind kind, const Token *open, Expr *elt, Expr *value, TokenKind closer) {
    Expr *e = parse_comprehension_clauses(p, kind, open, elt, value);
    return e != NULL && expect(p, closer) ? e : NULL;
}

/* The comprehension's for and if clauses, up to (not including) its closing bracket: f(x for x in y)
 * shares its parenthesis with the call. */
Expr *parse_comprehension_clauses(Parser *p, ExprKind kind, const Token *open, Expr *elt, Expr *value) {
    Expr *e = new_expr(p, kind, open->line, open->col);
    if (e == NULL || !grow(p, e, elt) || !grow(p, e, value)) return NULL;
    e->as.comp.elt = elt;
    e->as.comp.value = value;
    Vec fors = {0};
    while (check(p, TOK_FOR) || check(p, TOK_ASYNC)) {
        CompFor *clause = alloc(p, sizeof(CompFor));
        if (clause == NULL || !parse_for_clause(p, e, clause) || !vec_push(p, &fors, clause)) return NULL;
    }
    e->as.comp.nfors = fors.count;
    e->as.comp.fors = alloc(p, sizeof(CompFor) * fors.count);
    if (e->as.comp.fors == NULL) return NULL;
    for (uint32_t i = 0; i < fors.count; i++) e->as.comp.fors[i] = *(CompFor *)fors.items[i];
    return e;
}
