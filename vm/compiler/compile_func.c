/* compile_func.c: functions, lambdas and comprehensions, each a code object of its own, and the closures
 * that tie them to the variables of the functions around them.
 *
 * compiler.c calls in here for a def statement, a lambda or a comprehension; scope.c has already decided
 * where each name lives. A function's slots are its parameters, its other locals, then its free variables
 * (the enclosing functions' cells it uses), in that order. Its code starts with MAKE_CELL for each local an
 * inner function captures and COPY_FREE_VARS for the free ones; making the function pushes the cells it
 * needs (LOAD_CLOSURE) as a tuple for MAKE_CLOSURE. A comprehension is a function of one parameter, the
 * iterator of its first iterable, called at once, as in CPython 3.11: its variables do not leak, and the
 * first iterable is evaluated outside it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/compile_internal.h"

/* A new, empty function builder appended to the program; its index, or -1 when memory runs out. */
/* [name] qualified as CPython's __qualname__: outer.<locals>.inner inside a function, else just name. */
static const char *qualified_name(Compiler *c, const char *name) {
    if (!c->scope->is_function) return name;
    size_t outer = strlen(c->fb->name), length = outer + strlen(".<locals>.") + strlen(name);
    char *q = arena_alloc(c->arena, length + 1);
    if (q == NULL) return name;
    snprintf(q, length + 1, "%s.<locals>.%s", c->fb->name, name);
    return q;
}

static int64_t new_function(Compiler *c, const char *name, uint32_t line, uint32_t col, FuncBuilder **out) {
    name = qualified_name(c, name);
    if (c->nfuncs == c->funcs_capacity) {
        uint32_t capacity = c->funcs_capacity * 2;
        FuncBuilder **funcs = realloc(c->funcs, sizeof(FuncBuilder *) * capacity);
        if (funcs == NULL) return compile_fail_at(c, line, col, "out of memory"), -1;
        c->funcs = funcs;
        c->funcs_capacity = capacity;
    }
    FuncBuilder *fb = malloc(sizeof(FuncBuilder));
    if (fb == NULL) return compile_fail_at(c, line, col, "out of memory"), -1;
    codegen_init(fb, name);
    c->funcs[c->nfuncs] = fb;
    *out = fb;
    return c->nfuncs++;
}

/* What the compiler was doing before it entered a nested function, restored by leave_function. */
typedef struct {
    FuncBuilder *fb;
    FuncScope *scope;
    Loop *loop;
    Block *block;
    uint32_t depth;
} Outer;

/* Switches to [fb] for [scope]: lays out its slots and emits the prologue that sets up its cells. */
static Outer enter_function(Compiler *c, FuncBuilder *fb, FuncScope *scope, uint32_t line, uint32_t col) {
    Outer outer = {c->fb, c->scope, c->loop, c->block, c->depth};
    c->fb = fb;
    c->scope = scope;
    c->loop = NULL; /* a def may sit inside a loop; break and continue do not reach through it */
    c->block = NULL; /* nor inside a try: a return in the body leaves only the body's own blocks */
    c->depth = 0;
    fb->nparams = scope->params->npos;
    fb->nposonly = scope->params->nposonly;
    fb->nkwonly = scope->params->nkwonly;
    fb->flags = (scope->params->varargs ? CODE_VARARGS : 0) | (scope->params->varkw ? CODE_VARKW : 0);
    for (uint32_t i = 0; i < scope->locals.count; i++) codegen_add_local(fb, scope->locals.items[i]);
    for (uint32_t i = 0; i < scope->frees.count; i++) codegen_add_local(fb, scope->frees.items[i]);
    if (fb->locals.count > CPVM_MAX_LOCALS) {
        source_error(c->error, line, col, "too many local variables (cpvm's limit is %d)", CPVM_MAX_LOCALS);
        return outer;
    }
    for (uint32_t i = 0; i < scope->cells.count; i++) {
        emit(c, line, OP_MAKE_CELL, (uint32_t)codegen_find_local(fb, scope->cells.items[i]));
    }
    if (scope->frees.count > 0) emit(c, line, OP_COPY_FREE_VARS, scope->frees.count);
    return outer;
}

static void leave_function(Compiler *c, Outer outer) {
    c->fb = outer.fb;
    c->scope = outer.scope;
    c->loop = outer.loop;
    c->block = outer.block;
    c->depth = outer.depth;
}

/* Pushes the function object of code [index] (scope [inner]); its defaults tuple, when [has_defaults], is
 * on the stack already. A function with free variables gets the current function's cells for them. */
static void make_function(Compiler *c, uint32_t line, int64_t index, const FuncScope *inner, bool has_defaults) {
    uint32_t nfrees = inner->frees.count;
    for (uint32_t i = 0; i < nfrees; i++) {
        int64_t slot = codegen_find_local(c->fb, inner->frees.items[i]);
        if (slot < 0) {
            compile_fail_at(c, line, 0, "internal error: a free variable the enclosing function does not have");
            return;
        }
        emit(c, line, OP_LOAD_CLOSURE, (uint32_t)slot);
    }
    if (nfrees > 0) emit(c, line, OP_BUILD_TUPLE, nfrees);
    emit_const(c, line, (ConstEntry){.kind = CONST_CODE, .code_index = (uint32_t)index});
    emit(c, line, nfrees > 0 ? OP_MAKE_CLOSURE : OP_MAKE_FUNCTION, has_defaults);
}

/* Pushes the positional parameters' defaults as one tuple and the keyword-only ones' as a dict by name, in
 * that order of evaluation, leaving ( kwdefaults defaults ) for make_function and finish_function. Returns
 * the number of positional defaults; *has_kwdefaults says whether the dict is there. */
static uint32_t compile_defaults(Compiler *c, const ParamList *params, uint32_t line, bool *has_kwdefaults) {
    uint32_t ndefaults = 0, nkwdefaults = 0;
    for (uint32_t i = 0; i < params->npos; i++) {
        if (params->items[i].default_value == NULL) continue;
        compile_expr(c, params->items[i].default_value);
        ndefaults++;
    }
    if (ndefaults > 0) emit(c, line, OP_BUILD_TUPLE, ndefaults);
    for (uint32_t i = params->npos; i < params->npos + params->nkwonly; i++) {
        const Param *param = &params->items[i];
        if (param->default_value == NULL) continue;
        emit_const(c, line, (ConstEntry){.kind = CONST_STR, .s = param->name, .length = (uint32_t)strlen(param->name)});
        compile_expr(c, param->default_value);
        nkwdefaults++;
    }
    *has_kwdefaults = nkwdefaults > 0;
    if (nkwdefaults > 0) {
        emit(c, line, OP_BUILD_MAP, nkwdefaults);
        if (ndefaults > 0) emit(c, line, OP_SWAP, 2); /* the defaults tuple goes right below the code */
    }
    return ndefaults;
}

/* After make_function: attaches the keyword-only defaults left below the function. */
static void finish_function(Compiler *c, uint32_t line, bool has_kwdefaults) {
    if (has_kwdefaults) emit(c, line, OP_SET_KWDEFAULTS, 0);
}

/* @d1 @d2(x) def f(a, b=1): ... ->
 *   d1 d2(x) [defaults BUILD_TUPLE] [cells BUILD_TUPLE] LOAD_CONST <code f> MAKE_FUNCTION/MAKE_CLOSURE
 *   CALL 1 (d2's) CALL 1 (d1's) store f
 * The decorators are evaluated before the defaults and applied innermost first, as in CPython. */
void compile_def(Compiler *c, const Stmt *s) {
    for (uint32_t i = 0; i < s->as.def.decorators.count; i++) compile_expr(c, s->as.def.decorators.items[i]);
    bool has_kwdefaults;
    uint32_t ndefaults = compile_defaults(c, &s->as.def.params, s->line, &has_kwdefaults);
    FuncBuilder *fb;
    int64_t index = new_function(c, s->as.def.name, s->line, s->col, &fb);
    if (index < 0) return;
    fb->ndefaults = ndefaults;
    FuncScope *scope = s->as.def.scope;
    Outer outer = enter_function(c, fb, scope, s->line, s->col);
    compile_docstring(c, s->as.def.body, false);
    compile_block(c, s->as.def.body);
    compile_finish_body(c, s->as.def.body, s->line);
    leave_function(c, outer);
    make_function(c, s->line, index, scope, ndefaults > 0);
    finish_function(c, s->line, has_kwdefaults);
    for (uint32_t i = s->as.def.decorators.count; i-- > 0;) emit(c, s->line, OP_CALL, 1);
    compile_name(c, s->line, s->as.def.name, NAME_STORE);
}

/* lambda a, b=1: body -> a function named <lambda> whose code returns body. */
void compile_lambda(Compiler *c, const Expr *e) {
    const ParamList *params = &e->as.lambda.params;
    bool has_kwdefaults;
    uint32_t ndefaults = compile_defaults(c, params, e->line, &has_kwdefaults);
    FuncBuilder *fb;
    int64_t index = new_function(c, "<lambda>", e->line, e->col, &fb);
    if (index < 0) return;
    fb->ndefaults = ndefaults;
    Outer outer = enter_function(c, fb, e->as.lambda.scope, e->line, e->col);
    compile_expr(c, e->as.lambda.body);
    emit(c, e->as.lambda.body->line, OP_RETURN_VALUE, 0);
    leave_function(c, outer);
    make_function(c, e->line, index, e->as.lambda.scope, ndefaults > 0);
    finish_function(c, e->line, has_kwdefaults);
}

/* Clause [i] of comprehension [e] and everything inside it; [depth] is how many iterators the loops
 * keep on the stack above the result, once this clause's is there.
 *   it: FOR_ITER exit; store target; [test POP_JUMP_IF_FALSE next]*; inner clause or add the element;
 *   next: JUMP_BACKWARD it; exit:
 * (A failed test jumps forward to the back-edge: only JUMP_BACKWARD may jump back.) */
static void compile_comp_clause(Compiler *c, const Expr *e, uint32_t i) {
    const CompFor *clause = &e->as.comp.fors[i];
    if (i == 0) {
        emit(c, clause->line, OP_LOAD_FAST, 0); /* .0: the first iterable's iterator, made by the caller */
    } else {
        compile_expr(c, clause->iter);
        emit(c, clause->line, OP_GET_ITER, 0);
    }
    Label head, next, exit;
    label_init(&head);
    label_init(&next);
    label_init(&exit);
    codegen_bind(c->fb, &head);
    codegen_emit_jump(c->fb, clause->line, OP_FOR_ITER, &exit);
    compile_store(c, clause->target);
    for (uint32_t k = 0; k < clause->ifs.count; k++) compile_jump_if(c, clause->ifs.items[k], false, &next);
    if (i + 1 < e->as.comp.nfors) {
        compile_comp_clause(c, e, i + 1);
    } else {
        uint32_t depth = e->as.comp.nfors + 1;
        compile_expr(c, e->as.comp.elt);
        if (e->kind == EXPR_DICTCOMP) compile_expr(c, e->as.comp.value);
        if (e->kind == EXPR_GENEXP) { /* a generator: each element is yielded, what is sent in dropped */
            emit(c, e->as.comp.elt->line, OP_YIELD_VALUE, 0);
            emit(c, e->as.comp.elt->line, OP_POP_TOP, 0);
        } else {
            int op = e->kind == EXPR_LISTCOMP ? OP_LIST_APPEND : e->kind == EXPR_SETCOMP ? OP_SET_ADD : OP_MAP_ADD;
            emit(c, e->as.comp.elt->line, op, depth);
        }
    }
    codegen_bind(c->fb, &next);
    codegen_emit_jump(c->fb, clause->line, OP_JUMP_BACKWARD, &head);
    codegen_bind(c->fb, &exit);
    label_free(&head);
    label_free(&next);
    label_free(&exit);
}

/* [elt for x in a if t for y in b] ->
 *   [cells BUILD_TUPLE] LOAD_CONST <code <listcomp>> MAKE_FUNCTION/MAKE_CLOSURE  a GET_ITER  CALL 1
 * and <listcomp>(.0) is  BUILD_LIST 0, the clauses, RETURN_VALUE. */
void compile_comprehension(Compiler *c, const Expr *e) {
    static const char *names[] = {[EXPR_LISTCOMP] = "<listcomp>", [EXPR_SETCOMP] = "<setcomp>",
                                  [EXPR_DICTCOMP] = "<dictcomp>", [EXPR_GENEXP] = "<genexpr>"};
    if (e->as.comp.nfors + 1 > CPVM_MAX_COUNT) {
        compile_fail_at(c, e->line, e->col, "too many 'for' clauses in a comprehension");
        return;
    }
    FuncBuilder *fb;
    int64_t index = new_function(c, names[e->kind], e->line, e->col, &fb);
    if (index < 0) return;
    Outer outer = enter_function(c, fb, e->as.comp.scope, e->line, e->col);
    if (e->kind == EXPR_GENEXP) { /* (elt for ...): <genexpr>(.0) is a generator function */
        fb->is_generator = true;
        compile_comp_clause(c, e, 0);
        emit_none(c, e->line);
    } else {
        int build = e->kind == EXPR_LISTCOMP ? OP_BUILD_LIST : e->kind == EXPR_SETCOMP ? OP_BUILD_SET : OP_BUILD_MAP;
        emit(c, e->line, build, 0);
        compile_comp_clause(c, e, 0);
    }
    emit(c, e->line, OP_RETURN_VALUE, 0);
    leave_function(c, outer);
    make_function(c, e->line, index, e->as.comp.scope, false);
    compile_expr(c, e->as.comp.fors[0].iter);
    emit(c, e->line, OP_GET_ITER, 0);
    emit(c, e->line, OP_CALL, 1);
}

bool compile_module_scope(Compiler *c, StmtList body, ScopeTree *tree) {
    if (!scope_analyze(tree, body, c->error)) return false;
    c->scope = tree->module;
    return true;
}
