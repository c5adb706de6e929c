/* scope.c: symbol analysis (see scope.h), in two passes as CPython's symtable.c.
 *
 * The scan walks the tree once, making a FuncScope for the module and for every def, lambda and
 * comprehension, and records in each which names it uses, binds and declares global or nonlocal, in source
 * order (so "used prior to global declaration" can be told). Then resolve walks the scopes top down with
 * the set of names the enclosing functions bind, and decides local, cell, free or global for each name;
 * a free name of a child is a cell of the scope that binds it, and a free name of every scope in between,
 * which passes the cell on.
 */
#include <stdlib.h>
#include <string.h>

#include "compiler/scope.h"

typedef struct {
    SourceError *error;
    ScopeTree *tree;
    FuncScope *scope; /* the scope being scanned */
} Scanner;

static void add(Scanner *s, NameTable *set, const char *name) {
    if (nametable_add(set, name) < 0) source_error(s->error, 0, 0, "out of memory");
}

static bool has(const NameTable *set, const char *name) { return nametable_find(set, name) >= 0; }

/* A new scope under the one being scanned. */
static FuncScope *new_scope(Scanner *s) {
    FuncScope *scope = calloc(1, sizeof(FuncScope));
    FuncScope *parent = s->scope;
    if (scope == NULL) {
        source_error(s->error, 0, 0, "out of memory");
        return NULL;
    }
    scope->next_all = s->tree->all;
    s->tree->all = scope;
    scope->parent = parent;
    scope->is_function = parent != NULL;
    if (parent == NULL) return scope;
    if (parent->nchildren == parent->children_capacity) {
        uint32_t capacity = parent->children_capacity ? parent->children_capacity * 2 : 4;
        FuncScope **children = realloc(parent->children, sizeof(FuncScope *) * capacity);
        if (children == NULL) {
            source_error(s->error, 0, 0, "out of memory");
            return NULL;
        }
        parent->children = children;
        parent->children_capacity = capacity;
    }
    parent->children[parent->nchildren++] = scope;
    return scope;
}

/* --- Scan -------------------------------------------------------------------------------------------- */

static void scan_expr(Scanner *s, const Expr *e);
static void scan_named(Scanner *s, const Expr *e);
static void scan_block(Scanner *s, StmtList body);

static void scan_bind(Scanner *s, const char *name) { add(s, &s->scope->bound, name); }

static void scan_target(Scanner *s, const Expr *t) {
    if (t->kind == EXPR_NAME) {
        scan_bind(s, t->as.name);
    } else if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        for (uint32_t i = 0; i < t->as.values.count; i++) scan_target(s, t->as.values.items[i]);
    } else if (t->kind == EXPR_STARRED) {
        scan_target(s, t->as.starred.value);
    } else {
        scan_expr(s, t); /* a subscript target reads its container and index */
    }
}

static void scan_list(Scanner *s, ExprList list) {
    for (uint32_t i = 0; i < list.count; i++) scan_expr(s, list.items[i]);
}

/* Enters a new function scope whose parameters are [params]; returns the scope left, for leave(). */
static FuncScope *enter_function(Scanner *s, const ParamList *params, FuncScope **out) {
    FuncScope *outer = s->scope;
    for (uint32_t i = 0; i < params->count; i++) scan_expr(s, params->items[i].default_value); /* evaluated outside */
    FuncScope *scope = new_scope(s);
    *out = scope;
    if (scope == NULL) return outer;
    s->scope = scope;
    for (uint32_t i = 0; i < params->count; i++) scan_bind(s, params->items[i].name);
    scope->nparams = params->count;
    scope->params = params;
    return outer;
}

/* [x for x in a if c for y in b]: a is evaluated in the enclosing scope and passed as the parameter .0;
 * everything else belongs to the comprehension's own function scope. */
static void scan_comprehension(Scanner *s, Expr *e) {
    scan_expr(s, e->as.comp.fors[0].iter);
    static Param iterator = {.name = ".0"};
    static const ParamList one = {.items = &iterator, .count = 1, .npos = 1};
    FuncScope *outer = enter_function(s, &one, &e->as.comp.scope);
    if (e->as.comp.scope == NULL) return;
    e->as.comp.scope->is_comprehension = true;
    for (uint32_t i = 0; i < e->as.comp.nfors; i++) {
        const CompFor *clause = &e->as.comp.fors[i];
        if (i > 0) scan_expr(s, clause->iter);
        scan_target(s, clause->target);
        scan_list(s, clause->ifs);
    }
    scan_expr(s, e->as.comp.elt);
    scan_expr(s, e->as.comp.value);
    s->scope = outer;
}

static void scan_expr(Scanner *s, const Expr *e) {
    if (e == NULL || s->error->set) return;
    switch (e->kind) {
    case EXPR_NAME: add(s, &s->scope->used, e->as.name); break;
    case EXPR_BINARY:
        scan_expr(s, e->as.binary.left);
        scan_expr(s, e->as.binary.right);
        break;
    case EXPR_UNARY: scan_expr(s, e->as.unary.operand); break;
    case EXPR_AND: case EXPR_OR: case EXPR_LIST: case EXPR_TUPLE: case EXPR_SET: case EXPR_CONST_SET: case EXPR_DICT:
    case EXPR_JOINED:
        scan_list(s, e->as.values);
        break;
    case EXPR_YIELD: scan_expr(s, e->as.yield.value); break;
    case EXPR_FORMATTED: scan_expr(s, e->as.formatted.value); scan_expr(s, e->as.formatted.spec); break;
    case EXPR_COMPARE:
        scan_expr(s, e->as.compare.left);
        for (uint32_t i = 0; i < e->as.compare.count; i++) scan_expr(s, e->as.compare.rights[i]);
        break;
    case EXPR_IFELSE:
        scan_expr(s, e->as.ifelse.test);
        scan_expr(s, e->as.ifelse.body);
        scan_expr(s, e->as.ifelse.orelse);
        break;
    case EXPR_CALL:
        scan_expr(s, e->as.call.func);
        scan_list(s, e->as.call.args);
        for (uint32_t i = 0; i < e->as.call.nkeywords; i++) scan_expr(s, e->as.call.keywords[i].value);
        break;
    case EXPR_ATTR: scan_expr(s, e->as.attr.value); break;
    case EXPR_SUBSCR:
        scan_expr(s, e->as.subscr.value);
        scan_expr(s, e->as.subscr.index);
        break;
    case EXPR_SLICE:
        scan_expr(s, e->as.slice.lower);
        scan_expr(s, e->as.slice.upper);
        scan_expr(s, e->as.slice.step);
        break;
    case EXPR_LAMBDA: {
        Expr *lambda = (Expr *)e; /* the scan records the scope in the node */
        FuncScope *outer = enter_function(s, &e->as.lambda.params, &lambda->as.lambda.scope);
        if (lambda->as.lambda.scope == NULL) return;
        scan_expr(s, e->as.lambda.body);
        s->scope = outer;
        break;
    }
    case EXPR_LISTCOMP: case EXPR_SETCOMP: case EXPR_DICTCOMP: case EXPR_GENEXP: scan_comprehension(s, (Expr *)e); break;
    case EXPR_STARRED: scan_expr(s, e->as.starred.value); break;
    case EXPR_NAMED: scan_named(s, e); break;
    default: break; /* literals */
    }
}

/* Remembers [st] as where the newest nonlocal name of [scope] was declared, for its error message. */
static bool record_nonlocal(Scanner *s, FuncScope *scope, const Stmt *st) {
    uint32_t n = scope->nonlocals.count;
    const Stmt **stmts = realloc(scope->nonlocal_stmts, sizeof(Stmt *) * n);
    if (stmts == NULL) return source_error(s->error, st->line, st->col, "out of memory");
    scope->nonlocal_stmts = stmts;
    stmts[n - 1] = st;
    return true;
}

/* x := v binds x in the scope it is in, or, inside comprehensions, in the function (or module) around
 * them: each comprehension in between then sees x as nonlocal (as global at module level), as PEP 572 says. */
static void scan_named(Scanner *s, const Expr *e) {
    scan_expr(s, e->as.named.value);
    const char *name = e->as.named.name;
    FuncScope *target = s->scope;
    while (target->is_comprehension) target = target->parent;
    for (FuncScope *comp = s->scope; comp != target; comp = comp->parent) {
        if (has(&comp->bound, name)) {
            source_error(s->error, e->line, e->col, "assignment expression cannot rebind comprehension iteration variable '%s'", name);
            return;
        }
        if (!target->is_function) {
            add(s, &comp->globals, name);
            continue;
        }
        uint32_t count = comp->nonlocals.count;
        add(s, &comp->nonlocals, name);
        if (comp->nonlocals.count > count) {
            uint32_t n = comp->nonlocals.count;
            const Stmt **stmts = realloc(comp->nonlocal_stmts, sizeof(Stmt *) * n);
            if (stmts == NULL) {
                source_error(s->error, e->line, e->col, "out of memory");
                return;
            }
            comp->nonlocal_stmts = stmts;
            stmts[n - 1] = NULL; /* never reported: the target function binds the name */
        }
    }
    add(s, &target->bound, name);
}

/* `global x` or `nonlocal x` after x was used or bound is an error in CPython, and so is a parameter. */
static void scan_declaration(Scanner *s, const Stmt *st) {
    bool is_global = st->kind == STMT_GLOBAL;
    FuncScope *scope = s->scope;
    if (!is_global && !scope->is_function) {
        source_error(s->error, st->line, st->col, "nonlocal declaration not allowed at module level");
        return;
    }
    for (uint32_t i = 0; i < st->as.names.count; i++) {
        const char *name = st->as.names.items[i];
        int64_t bound = nametable_find(&scope->bound, name);
        const char *problem = NULL;
        if (bound >= 0 && (uint64_t)bound < scope->nparams) problem = is_global ? "is parameter and global" : "is parameter and nonlocal";
        else if (has(is_global ? &scope->nonlocals : &scope->globals, name)) problem = "is nonlocal and global";
        else if (bound >= 0) problem = is_global ? "is assigned to before global declaration" : "is assigned to before nonlocal declaration";
        else if (has(&scope->used, name)) problem = is_global ? "is used prior to global declaration" : "is used prior to nonlocal declaration";
        if (problem != NULL) {
            source_error(s->error, st->line, st->col, "name '%s' %s", name, problem);
            return;
        }
        if (is_global) {
            add(s, &scope->globals, name);
            continue;
        }
        uint32_t count = scope->nonlocals.count;
        add(s, &scope->nonlocals, name);
        if (scope->nonlocals.count > count && !record_nonlocal(s, scope, st)) return;
    }
}

static void scan_def(Scanner *s, Stmt *st) {
    scan_list(s, st->as.def.decorators);
    FuncScope *outer = enter_function(s, &st->as.def.params, &st->as.def.scope);
    if (st->as.def.scope == NULL) return;
    scan_block(s, st->as.def.body);
    s->scope = outer;
    scan_bind(s, st->as.def.name);
}

static void scan_stmt(Scanner *s, Stmt *st) {
    switch (st->kind) {
    case STMT_EXPR: case STMT_RETURN: scan_expr(s, st->as.expr); break;
    case STMT_ASSIGN:
        scan_expr(s, st->as.assign.value);
        for (uint32_t i = 0; i < st->as.assign.targets.count; i++) scan_target(s, st->as.assign.targets.items[i]);
        break;
    case STMT_AUGASSIGN:
        scan_expr(s, st->as.aug.value);
        scan_expr(s, st->as.aug.target);
        scan_target(s, st->as.aug.target);
        break;
    case STMT_ANNASSIGN:
        scan_expr(s, st->as.ann.value);
        scan_target(s, st->as.ann.target);
        break;
    case STMT_IF:
        for (uint32_t i = 0; i < st->as.if_.count; i++) {
            scan_expr(s, st->as.if_.tests[i]);
            scan_block(s, st->as.if_.bodies[i]);
        }
        scan_block(s, st->as.if_.orelse);
        break;
    case STMT_WHILE: case STMT_FOR:
        scan_expr(s, st->as.loop.iter);
        if (st->as.loop.target != NULL) scan_target(s, st->as.loop.target);
        scan_block(s, st->as.loop.body);
        scan_block(s, st->as.loop.orelse);
        break;
    case STMT_DEF: scan_def(s, st); break;
    case STMT_GLOBAL: case STMT_NONLOCAL: scan_declaration(s, st); break;
    case STMT_IMPORT:
        for (uint32_t i = 0; i < st->as.import.count; i++) scan_bind(s, st->as.import.names[i].asname);
        break;
    case STMT_ASSERT:
        scan_expr(s, st->as.assert_.test);
        scan_expr(s, st->as.assert_.msg);
        break;
    case STMT_DEL: scan_target(s, st->as.expr); break; /* del x makes x local, as CPython */
    case STMT_TRY:
        scan_block(s, st->as.try_.body);
        for (uint32_t i = 0; i < st->as.try_.nhandlers; i++) {
            ExceptHandler *h = &st->as.try_.handlers[i];
            scan_expr(s, h->type);
            if (h->name != NULL) scan_bind(s, h->name); /* `except E as e` binds e (and deletes it) */
            scan_block(s, h->body);
        }
        scan_block(s, st->as.try_.orelse);
        scan_block(s, st->as.try_.finalbody);
        break;
    case STMT_WITH:
        for (uint32_t i = 0; i < st->as.with.count; i++) {
            scan_expr(s, st->as.with.managers[i]);
            if (st->as.with.targets[i] != NULL) scan_target(s, st->as.with.targets[i]);
        }
        scan_block(s, st->as.with.body);
        break;
    case STMT_RAISE:
        scan_expr(s, st->as.raise.exc);
        scan_expr(s, st->as.raise.cause);
        break;
    default: break;
    }
}

static void scan_block(Scanner *s, StmtList body) {
    for (uint32_t i = 0; i < body.count && !s->error->set; i++) scan_stmt(s, body.items[i]);
}

/* --- Resolve ----------------------------------------------------------------------------------------- */

/* Adds the names of [from] to [to], less those in [except] (may be NULL). */
static bool copy_into(NameTable *to, const NameTable *from, const NameTable *except) {
    for (uint32_t i = 0; i < from->count; i++) {
        if (except != NULL && has(except, from->items[i])) continue;
        if (nametable_add(to, from->items[i]) < 0) return false;
    }
    return true;
}

/* Decides [scope]'s names given [enclosing], the names its enclosing functions bind (NULL at module
 * level), then its children's, and takes on the free names they need from further out. */
static bool resolve(FuncScope *scope, const NameTable *enclosing, SourceError *error) {
    bool ok = true;
    if (scope->is_function) {
        for (uint32_t i = 0; i < scope->nonlocals.count; i++) {
            const char *name = scope->nonlocals.items[i];
            if (enclosing == NULL || !has(enclosing, name)) {
                const Stmt *at = scope->nonlocal_stmts[i];
                return source_error(error, at ? at->line : 0, at ? at->col : 0, "no binding for nonlocal '%s' found", name);
            }
            ok = ok && nametable_add(&scope->frees, name) >= 0;
        }
        for (uint32_t i = 0; i < scope->bound.count; i++) {
            const char *name = scope->bound.items[i];
            if (!has(&scope->globals, name) && !has(&scope->nonlocals, name)) ok = ok && nametable_add(&scope->locals, name) >= 0;
        }
        for (uint32_t i = 0; i < scope->used.count; i++) {
            const char *name = scope->used.items[i];
            if (has(&scope->locals, name) || has(&scope->globals, name)) continue;
            if (enclosing != NULL && has(enclosing, name)) ok = ok && nametable_add(&scope->frees, name) >= 0;
        }
    }
    /* What the children see bound around them: the enclosing functions' names and this function's own,
     * less the names this one declares global. The module's names are globals, not part of it. */
    NameTable inner = {0};
    if (scope->is_function) {
        if (enclosing != NULL) ok = ok && copy_into(&inner, enclosing, &scope->globals);
        ok = ok && copy_into(&inner, &scope->locals, NULL);
    }
    for (uint32_t c = 0; ok && c < scope->nchildren; c++) {
        FuncScope *child = scope->children[c];
        if (!resolve(child, scope->is_function ? &inner : NULL, error)) {
            ok = false;
            break;
        }
        for (uint32_t i = 0; i < child->frees.count; i++) {
            const char *name = child->frees.items[i];
            if (has(&scope->locals, name)) ok = ok && nametable_add(&scope->cells, name) >= 0;
            else ok = ok && nametable_add(&scope->frees, name) >= 0; /* passed through from further out */
        }
    }
    nametable_free(&inner);
    if (!ok && !error->set) source_error(error, 0, 0, "out of memory");
    return ok;
}

bool scope_analyze(ScopeTree *tree, StmtList body, SourceError *error) {
    Scanner s = {.error = error, .tree = tree};
    tree->module = new_scope(&s);
    if (tree->module == NULL) return false;
    s.scope = tree->module;
    scan_block(&s, body);
    if (error->set) return false;
    return resolve(tree->module, NULL, error);
}

void scope_tree_free(ScopeTree *tree) {
    FuncScope *scope = tree->all;
    while (scope != NULL) {
        FuncScope *next = scope->next_all;
        NameTable *tables[] = {&scope->locals, &scope->cells, &scope->frees, &scope->used,
                               &scope->bound,  &scope->globals, &scope->nonlocals};
        for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) nametable_free(tables[i]);
        free(scope->children);
        free(scope->nonlocal_stmts);
        free(scope);
        scope = next;
    }
    tree->all = tree->module = NULL;
}

SymKind scope_lookup(const FuncScope *scope, const char *name) {
    if (!scope->is_function) return SYM_GLOBAL;
    if (has(&scope->cells, name)) return SYM_CELL;
    if (has(&scope->locals, name)) return SYM_LOCAL;
    if (has(&scope->frees, name)) return SYM_FREE;
    return SYM_GLOBAL;
}
