/* compiler.c: the syntax tree of a Python-subset module to a Program (see compiler.h).
 *
 * parser.c gives the tree; codegen.c encodes instructions and builds the code objects; main.c calls
 * compiler_compile. Each function is compiled in two passes over its body: a scope scan decides which
 * names are locals (parameters, then every name the body binds that is not declared global, as in
 * CPython), then the emitter walks statements and expressions. Every instruction takes the line of the
 * node it comes from, so a traceback names the line CPython would. Compile errors go to one SourceError
 * and are printed with the source line and a caret.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "core/unicode.h"
#include "bytecode/bytecode.h"
#include "compiler/codegen.h"
#include "compiler/compile_internal.h"
#include "compiler/compiler.h"
#include "compiler/compile_internal.h"
#include "bytecode/opcodes.h"
#include "compiler/parser.h"
#include "compiler/source_text.h"

bool compile_fail_at(Compiler *c, uint32_t line, uint32_t col, const char *message) {
    return source_error(c->error, line, col, "%s", message);
}

#define fail_at compile_fail_at

/* --- Names and constants ------------------------------------------------------------------------------ */

static void emit_global(Compiler *c, uint32_t line, int op, const char *name) {
    emit(c, line, op, codegen_name(c->fb, name));
}

/* Where [name] lives decides the instruction (scope.c): a local's slot, a cell (its own or an enclosing
 * function's), or the module's globals. */
void compile_name(Compiler *c, uint32_t line, const char *name, NameAccess access) {
    static const int ops[][3] = {
        [SYM_GLOBAL] = {OP_LOAD_GLOBAL, OP_STORE_GLOBAL, OP_DELETE_GLOBAL},
        [SYM_LOCAL] = {OP_LOAD_FAST, OP_STORE_FAST, OP_DELETE_FAST},
        [SYM_CELL] = {OP_LOAD_DEREF, OP_STORE_DEREF, OP_DELETE_DEREF},
        [SYM_FREE] = {OP_LOAD_DEREF, OP_STORE_DEREF, OP_DELETE_DEREF},
    };
    SymKind kind = scope_lookup(c->scope, name);
    int op = ops[kind][access];
    if (kind == SYM_GLOBAL) {
        emit_global(c, line, op, name);
        return;
    }
    int64_t local = codegen_find_local(c->fb, name);
    if (local < 0) {
        fail_at(c, line, 0, "internal error: a local without a slot");
        return;
    }
    emit(c, line, op, (uint32_t)local);
}

static void emit_name(Compiler *c, uint32_t line, const char *name, bool store) {
    compile_name(c, line, name, store ? NAME_STORE : NAME_LOAD);
}

static bool check_count(Compiler *c, const Expr *e, uint64_t count, const char *what) {
    if (count <= CPVM_MAX_COUNT) return true;
    return source_error(c->error, e->line, e->col, "too many %s (cpvm's limit is %d)", what, CPVM_MAX_COUNT);
}

/* --- Expressions -------------------------------------------------------------------------------------- */



static void emit_compare(Compiler *c, uint32_t line, int op) {
    switch (op) {
    case AST_CMP_IS: emit(c, line, OP_IS_OP, 0); break;
    case AST_CMP_IS_NOT: emit(c, line, OP_IS_OP, 1); break;
    case AST_CMP_IN: emit(c, line, OP_CONTAINS_OP, 0); break;
    case AST_CMP_NOT_IN: emit(c, line, OP_CONTAINS_OP, 1); break;
    default: emit(c, line, OP_COMPARE_OP, (uint32_t)op); break;
    }
}

/* a < b < c, as CPython 3.11: each middle operand is kept under the result of its comparison (SWAP 2,
 * COPY 2) so it is evaluated once; a false link jumps to a cleanup that drops it and leaves False. */
static void compile_compare(Compiler *c, const Expr *e) {
    uint32_t n = e->as.compare.count;
    compile_expr(c, e->as.compare.left);
    Label cleanup, end;
    label_init(&cleanup);
    label_init(&end);
    for (uint32_t i = 0; i + 1 < n; i++) {
        compile_expr(c, e->as.compare.rights[i]);
        emit(c, e->line, OP_SWAP, 2);
        emit(c, e->line, OP_COPY, 2);
        emit_compare(c, e->line, e->as.compare.ops[i]);
        codegen_emit_jump(c->fb, e->line, OP_JUMP_IF_FALSE_OR_POP, &cleanup);
    }
    compile_expr(c, e->as.compare.rights[n - 1]);
    emit_compare(c, e->line, e->as.compare.ops[n - 1]);
    if (n > 1) {
        codegen_emit_jump(c->fb, e->line, OP_JUMP_FORWARD, &end);
        codegen_bind(c->fb, &cleanup);
        emit(c, e->line, OP_SWAP, 2);
        emit(c, e->line, OP_POP_TOP, 0);
        codegen_bind(c->fb, &end);
    }
    label_free(&cleanup);
    label_free(&end);
}

/* a and b and c: each operand but the last leaves itself as the result when it decides the answer. */
static void compile_bool(Compiler *c, const Expr *e) {
    Label end;
    label_init(&end);
    int op = e->kind == EXPR_AND ? OP_JUMP_IF_FALSE_OR_POP : OP_JUMP_IF_TRUE_OR_POP;
    for (uint32_t i = 0; i < e->as.values.count; i++) {
        compile_expr(c, e->as.values.items[i]);
        if (i + 1 < e->as.values.count) codegen_emit_jump(c->fb, e->as.values.items[i]->line, op, &end);
    }
    codegen_bind(c->fb, &end);
    label_free(&end);
}

/* Jumps to [target] when the truth of [e] is [when], else falls through. `not`, `and` and `or` become
 * jumps, as in CPython, so a condition never builds a value it only tests. */
void compile_jump_if(Compiler *c, const Expr *e, bool when, Label *target) {
    if (e->kind == EXPR_UNARY && e->as.unary.op == OP_UNARY_NOT) {
        compile_jump_if(c, e->as.unary.operand, !when, target);
        return;
    }
    if (e->kind == EXPR_AND || e->kind == EXPR_OR) {
        uint32_t n = e->as.values.count;
        if ((e->kind == EXPR_OR) == when) { /* any operand with the wanted truth decides */
            for (uint32_t i = 0; i < n; i++) compile_jump_if(c, e->as.values.items[i], when, target);
            return;
        }
        Label skip; /* an operand with the other truth decides against jumping */
        label_init(&skip);
        for (uint32_t i = 0; i + 1 < n; i++) compile_jump_if(c, e->as.values.items[i], !when, &skip);
        compile_jump_if(c, e->as.values.items[n - 1], when, target);
        codegen_bind(c->fb, &skip);
        label_free(&skip);
        return;
    }
    compile_expr(c, e);
    codegen_emit_jump(c->fb, e->line, when ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, target);
}

static void compile_ifelse(Compiler *c, const Expr *e) {
    Label orelse, end;
    label_init(&orelse);
    label_init(&end);
    compile_jump_if(c, e->as.ifelse.test, false, &orelse);
    compile_expr(c, e->as.ifelse.body);
    codegen_emit_jump(c->fb, e->line, OP_JUMP_FORWARD, &end);
    codegen_bind(c->fb, &orelse);
    compile_expr(c, e->as.ifelse.orelse);
    codegen_bind(c->fb, &end);
    label_free(&orelse);
    label_free(&end);
}

/* Whether a call unpacks arguments (f(*a), f(**k)): then it builds a tuple and a dict. */
static bool call_unpacks(const Expr *e) {
    for (uint32_t i = 0; i < e->as.call.args.count; i++) {
        if (e->as.call.args.items[i]->kind == EXPR_STARRED) return true;
    }
    for (uint32_t i = 0; i < e->as.call.nkeywords; i++) {
        if (e->as.call.keywords[i].name == NULL) return true;
    }
    return false;
}

/* f(a, *b, k=1, **d), as CPython 3.11: the positional arguments as one tuple (a lone *b as it is:
 * CALL_FUNCTION_EX makes it one), the keywords as one dict that DICT_MERGE fills run by run, refusing a
 * name twice; then CALL_FUNCTION_EX. Only these rare calls pay for building the two. */
static void compile_star_call(Compiler *c, const Expr *e) {
    ExprList args = e->as.call.args;
    compile_expr(c, e->as.call.func);
    if (args.count == 1 && args.items[0]->kind == EXPR_STARRED) {
        compile_expr(c, args.items[0]->as.starred.value);
    } else {
        uint32_t plain = 0; /* the leading plain arguments go in one BUILD_LIST */
        while (plain < args.count && args.items[plain]->kind != EXPR_STARRED) compile_expr(c, args.items[plain++]);
        emit(c, e->line, OP_BUILD_LIST, plain);
        for (uint32_t i = plain; i < args.count; i++) {
            const Expr *arg = args.items[i];
            compile_expr(c, arg->kind == EXPR_STARRED ? arg->as.starred.value : arg);
            emit(c, arg->line, arg->kind == EXPR_STARRED ? OP_LIST_EXTEND : OP_LIST_APPEND, 1);
        }
        emit(c, e->line, OP_LIST_TO_TUPLE, 0);
    }
    uint32_t nkeywords = e->as.call.nkeywords;
    if (nkeywords > 0) {
        emit(c, e->line, OP_BUILD_MAP, 0);
        for (uint32_t i = 0; i < nkeywords;) {
            const Keyword *k = &e->as.call.keywords[i];
            if (k->name == NULL) {
                compile_expr(c, k->value);
                emit(c, k->line, OP_DICT_MERGE, 1);
                i++;
                continue;
            }
            uint32_t run = 0;
            for (; i < nkeywords && e->as.call.keywords[i].name != NULL; i++, run++) {
                const Keyword *named = &e->as.call.keywords[i];
                emit_const(c, named->line, (ConstEntry){.kind = CONST_STR, .s = named->name, .length = (uint32_t)strlen(named->name)});
                compile_expr(c, named->value);
            }
            emit(c, e->line, OP_BUILD_MAP, run);
            emit(c, e->line, OP_DICT_MERGE, 1);
        }
    }
    emit(c, e->line, OP_CALL_FUNCTION_EX, nkeywords > 0);
}

/* f(args) -> CALL; obj.name(args) -> LOAD_METHOD, CALL_METHOD; f(..., k=v) -> CALL_KW with the keyword
 * names as a constant tuple pushed last (obj.name(k=v) calls the bound method LOAD_ATTR makes). */
static void compile_call(Compiler *c, const Expr *e) {
    if (call_unpacks(e)) {
        compile_star_call(c, e);
        return;
    }
    const Expr *func = e->as.call.func;
    uint32_t nargs = e->as.call.args.count, nkeywords = e->as.call.nkeywords;
    if (!check_count(c, e, (uint64_t)nargs + nkeywords + 2, "arguments in a call") ) return;
    bool method = func->kind == EXPR_ATTR && nkeywords == 0;
    if (method) {
        compile_expr(c, func->as.attr.value);
        emit_global(c, func->line, OP_LOAD_METHOD, func->as.attr.name);
    } else {
        compile_expr(c, func);
    }
    for (uint32_t i = 0; i < nargs; i++) compile_expr(c, e->as.call.args.items[i]);
    if (method) {
        emit(c, e->line, OP_CALL_METHOD, nargs);
    } else if (nkeywords == 0) {
        emit(c, e->line, OP_CALL, nargs);
    } else {
        const char **names = arena_alloc(c->arena, sizeof(char *) * nkeywords);
        if (names == NULL) {
            fail_at(c, e->line, e->col, "out of memory");
            return;
        }
        for (uint32_t i = 0; i < nkeywords; i++) {
            compile_expr(c, e->as.call.keywords[i].value);
            names[i] = e->as.call.keywords[i].name;
        }
        emit_const(c, e->line, (ConstEntry){.kind = CONST_TUPLE, .strings = names, .length = nkeywords});
        emit(c, e->line, OP_CALL_KW, nargs + nkeywords);
    }
}

/* [*a, b, *c], (*a, b), {*a, b}, {**d, 'k': v}: the items before the first star in one BUILD_*, then
 * each one added (LIST_APPEND, SET_ADD, MAP_ADD) or spread (LIST_EXTEND, SET_UPDATE, DICT_UPDATE) in
 * order, as CPython 3.11; a tuple is built as a list, then LIST_TO_TUPLE. False when [e] has no star. */
static bool compile_unpacking_display(Compiler *c, const Expr *e) {
    if (e->kind != EXPR_LIST && e->kind != EXPR_TUPLE && e->kind != EXPR_SET && e->kind != EXPR_DICT) return false;
    bool dict = e->kind == EXPR_DICT;
    uint32_t step = dict ? 2 : 1, n = e->as.values.count, first = n;
    for (uint32_t i = 0; i < n; i += step) {
        if (e->as.values.items[i]->kind == EXPR_STARRED) {
            first = i;
            break;
        }
    }
    if (first == n) return false;
    for (uint32_t i = 0; i < first; i++) compile_expr(c, e->as.values.items[i]);
    int build = dict ? OP_BUILD_MAP : e->kind == EXPR_SET ? OP_BUILD_SET : OP_BUILD_LIST;
    int add = dict ? OP_MAP_ADD : e->kind == EXPR_SET ? OP_SET_ADD : OP_LIST_APPEND;
    int spread = dict ? OP_DICT_UPDATE : e->kind == EXPR_SET ? OP_SET_UPDATE : OP_LIST_EXTEND;
    emit(c, e->line, build, first / step);
    for (uint32_t i = first; i < n; i += step) {
        const Expr *item = e->as.values.items[i];
        if (item->kind == EXPR_STARRED) {
            compile_expr(c, item->as.starred.value);
            emit(c, item->line, spread, 1);
            continue;
        }
        compile_expr(c, item);
        if (dict) compile_expr(c, e->as.values.items[i + 1]);
        emit(c, item->line, add, 1);
    }
    if (e->kind == EXPR_TUPLE) emit(c, e->line, OP_LIST_TO_TUPLE, 0);
    return true;
}

/* What a display (or an f-string's parts) builds, and what its element count limit is called. */
static int display_opcode(ExprKind kind) {
    switch (kind) {
    case EXPR_LIST: return OP_BUILD_LIST;
    case EXPR_TUPLE: return OP_BUILD_TUPLE;
    case EXPR_DICT: return OP_BUILD_MAP;
    case EXPR_SET: return OP_BUILD_SET;
    case EXPR_CONST_SET: return OP_BUILD_CONST_SET;
    default: return OP_BUILD_STRING; /* EXPR_JOINED */
    }
}

static const char *display_what(ExprKind kind) {
    if (kind == EXPR_LIST || kind == EXPR_TUPLE) return "elements in a list or tuple display";
    if (kind == EXPR_JOINED) return "parts in an f-string";
    return "keys, values or elements in a dict or set display";
}

void compile_expr(Compiler *c, const Expr *e) {
    if (e == NULL) return;
    uint32_t line = e->line;
    switch (e->kind) {
    case EXPR_INT: emit_const(c, line, (ConstEntry){.kind = CONST_INT, .i = e->as.int_value}); break;
    case EXPR_BIGINT:
        emit_const(c, line, (ConstEntry){.kind = CONST_BIGINT, .s = e->as.str.chars, .length = e->as.str.length});
        break;
    case EXPR_FLOAT: emit_const(c, line, (ConstEntry){.kind = CONST_FLOAT, .f = e->as.float_value}); break;
    case EXPR_STR: case EXPR_BYTES:
        emit_const(c, line, (ConstEntry){.kind = e->kind == EXPR_STR ? CONST_STR : CONST_BYTES, .s = e->as.str.chars,
                                         .length = e->as.str.length});
        break;
    case EXPR_TRUE: emit_const(c, line, (ConstEntry){.kind = CONST_TRUE}); break;
    case EXPR_FALSE: emit_const(c, line, (ConstEntry){.kind = CONST_FALSE}); break;
    case EXPR_NONE: emit_none(c, line); break;
    case EXPR_ELLIPSIS: emit_const(c, line, (ConstEntry){.kind = CONST_ELLIPSIS}); break;
    case EXPR_NAME: emit_name(c, line, e->as.name, false); break;
    case EXPR_BINARY:
        compile_expr(c, e->as.binary.left);
        compile_expr(c, e->as.binary.right);
        emit(c, line, OP_BINARY_OP, (uint32_t)e->as.binary.op);
        break;
    case EXPR_UNARY:
        compile_expr(c, e->as.unary.operand);
        emit(c, line, e->as.unary.op, 0);
        break;
    case EXPR_AND: case EXPR_OR: compile_bool(c, e); break;
    case EXPR_COMPARE: compile_compare(c, e); break;
    case EXPR_IFELSE: compile_ifelse(c, e); break;
    case EXPR_CALL: compile_call(c, e); break;
    case EXPR_ATTR:
        compile_expr(c, e->as.attr.value);
        emit_global(c, line, OP_LOAD_ATTR, e->as.attr.name);
        break;
    case EXPR_SUBSCR:
        compile_expr(c, e->as.subscr.value);
        compile_expr(c, e->as.subscr.index);
        emit(c, line, OP_BINARY_SUBSCR, 0);
        break;
    case EXPR_SLICE:
        if (e->as.slice.lower != NULL) compile_expr(c, e->as.slice.lower);
        else emit_none(c, line);
        if (e->as.slice.upper != NULL) compile_expr(c, e->as.slice.upper);
        else emit_none(c, line);
        if (e->as.slice.step != NULL) compile_expr(c, e->as.slice.step);
        emit(c, line, OP_BUILD_SLICE, e->as.slice.step != NULL ? 3 : 2);
        break;
    case EXPR_LIST: case EXPR_TUPLE: case EXPR_SET: case EXPR_CONST_SET: case EXPR_DICT: /* dict: key, value, ... */
    case EXPR_JOINED: /* an f-string's parts: BUILD_STRING joins them */
        if (!check_count(c, e, e->as.values.count, display_what(e->kind))) return;
        if (compile_unpacking_display(c, e)) break;
        for (uint32_t i = 0; i < e->as.values.count; i++) compile_expr(c, e->as.values.items[i]);
        emit(c, line, display_opcode(e->kind), e->kind == EXPR_DICT ? e->as.values.count / 2 : e->as.values.count);
        break;
    case EXPR_LAMBDA: compile_lambda(c, e); break;
    case EXPR_STARRED: fail_at(c, e->line, e->col, "can't use starred expression here"); break;
    case EXPR_NAMED: /* x := v leaves v, stored */
        compile_expr(c, e->as.named.value);
        emit(c, line, OP_COPY, 1);
        compile_name(c, line, e->as.named.name, NAME_STORE);
        break;
    case EXPR_LISTCOMP: case EXPR_SETCOMP: case EXPR_DICTCOMP: case EXPR_GENEXP: compile_comprehension(c, e); break;
    case EXPR_FORMATTED: /* value [spec] FORMAT_VALUE or FORMAT_WITH_SPEC; the operand is the conversion */
        compile_expr(c, e->as.formatted.value);
        compile_expr(c, e->as.formatted.spec);
        emit(c, line, e->as.formatted.spec ? OP_FORMAT_WITH_SPEC : OP_FORMAT_VALUE, e->as.formatted.conversion);
        break;
    case EXPR_YIELD: compile_yield(c, e); break;
    }
}

/* --- Statements --------------------------------------------------------------------------------------- */



/* Stores the value on top of the stack into [t]: a name, a subscript (value container index ->
 * STORE_SUBSCR) or a tuple or list of targets (UNPACK_SEQUENCE, then each target in order). */
/* a, b = x -> UNPACK_SEQUENCE 2; a, *b, c = x -> UNPACK_EX 1 | 1 << 8 (one before the star, one after,
 * each at most 255 as in CPython); then each target in order, the first on top. */
static void compile_unpack(Compiler *c, const Expr *t) {
    uint32_t n = t->as.values.count, star = n;
    for (uint32_t i = 0; i < n; i++) {
        if (t->as.values.items[i]->kind == EXPR_STARRED) star = i;
    }
    if (star == n) {
        emit(c, t->line, OP_UNPACK_SEQUENCE, n);
    } else if (star > 255 || n - star - 1 > 255) {
        fail_at(c, t->line, t->col, "too many expressions in star-unpacking assignment");
        return;
    } else {
        emit(c, t->line, OP_UNPACK_EX, star | (n - star - 1) << 8);
    }
    for (uint32_t i = 0; i < n; i++) {
        const Expr *target = t->as.values.items[i];
        compile_store(c, target->kind == EXPR_STARRED ? target->as.starred.value : target);
    }
}

void compile_store(Compiler *c, const Expr *t) {
    switch (t->kind) {
    case EXPR_NAME: emit_name(c, t->line, t->as.name, true); break;
    case EXPR_SUBSCR:
        compile_expr(c, t->as.subscr.value);
        compile_expr(c, t->as.subscr.index);
        emit(c, t->line, OP_STORE_SUBSCR, 0);
        break;
    case EXPR_TUPLE: case EXPR_LIST:
        if (t->as.values.count == 0) {
            fail_at(c, t->line, t->col, "assignment to an empty tuple or list is not supported by cpvm");
            return;
        }
        if (!check_count(c, t, t->as.values.count, "targets in an unpacking assignment")) return;
        compile_unpack(c, t);
        break;
    case EXPR_STARRED: fail_at(c, t->line, t->col, "starred assignment target must be in a list or tuple"); break;
    default: fail_at(c, t->line, t->col, "cannot assign to expression"); break; /* the parser checked */
    }
}

/* del x -> DELETE_FAST or DELETE_GLOBAL; del a[i] -> a i DELETE_SUBSCR; del a, b deletes each in order. */
static void compile_del(Compiler *c, const Expr *t) {
    if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        for (uint32_t i = 0; i < t->as.values.count; i++) compile_del(c, t->as.values.items[i]);
    } else if (t->kind == EXPR_SUBSCR) {
        compile_expr(c, t->as.subscr.value);
        compile_expr(c, t->as.subscr.index);
        emit(c, t->line, OP_DELETE_SUBSCR, 0);
    } else {
        compile_name(c, t->line, t->as.name, NAME_DELETE);
    }
}

/* x op= v, and a[i] op= v evaluating a and i once, as CPython 3.11 does:
 *   a i COPY 2 COPY 2 BINARY_SUBSCR v BINARY_OP SWAP 3 SWAP 2 STORE_SUBSCR */
static void compile_augassign(Compiler *c, const Stmt *s) {
    const Expr *t = s->as.aug.target;
    uint32_t op = (uint32_t)s->as.aug.op + NB_INPLACE_ADD;
    if (t->kind == EXPR_NAME) {
        emit_name(c, t->line, t->as.name, false);
        compile_expr(c, s->as.aug.value);
        emit(c, s->line, OP_BINARY_OP, op);
        emit_name(c, t->line, t->as.name, true);
        return;
    }
    compile_expr(c, t->as.subscr.value);
    compile_expr(c, t->as.subscr.index);
    emit(c, t->line, OP_COPY, 2);
    emit(c, t->line, OP_COPY, 2);
    emit(c, t->line, OP_BINARY_SUBSCR, 0);
    compile_expr(c, s->as.aug.value);
    emit(c, s->line, OP_BINARY_OP, op);
    emit(c, t->line, OP_SWAP, 3);
    emit(c, t->line, OP_SWAP, 2);
    emit(c, t->line, OP_STORE_SUBSCR, 0);
}

static void compile_if(Compiler *c, const Stmt *s) {
    Label end;
    label_init(&end);
    for (uint32_t i = 0; i < s->as.if_.count; i++) {
        Label next;
        label_init(&next);
        compile_jump_if(c, s->as.if_.tests[i], false, &next);
        compile_block(c, s->as.if_.bodies[i]);
        if (i + 1 < s->as.if_.count || s->as.if_.orelse.count > 0) codegen_emit_jump(c->fb, s->line, OP_JUMP_FORWARD, &end);
        codegen_bind(c->fb, &next);
        label_free(&next);
    }
    compile_block(c, s->as.if_.orelse);
    codegen_bind(c->fb, &end);
    label_free(&end);
}

/* A while condition that is a true literal (while True, while 1) needs no test. */
static bool is_true_literal(const Expr *e) {
    switch (e->kind) {
    case EXPR_TRUE: return true;
    case EXPR_INT: return e->as.int_value != 0;
    case EXPR_FLOAT: return e->as.float_value != 0.0;
    case EXPR_STR: return e->as.str.length > 0;
    default: return false;
    }
}

/*   while: head: [test; POP_JUMP_IF_FALSE exit] body JUMP_BACKWARD head exit: else end:
 *   for:   iter GET_ITER head: FOR_ITER exit; store target; body JUMP_BACKWARD head exit: else end:
 * Every back-edge is a JUMP_BACKWARD, where the interpreter counts hotness and checks for interrupts. */
static void compile_loop(Compiler *c, const Stmt *s) {
    bool is_for = s->kind == STMT_FOR;
    Loop loop = {.outer = c->loop, .is_for = is_for};
    label_init(&loop.head);
    label_init(&loop.end);
    Label exit;
    label_init(&exit);
    if (is_for) {
        compile_expr(c, s->as.loop.iter);
        emit(c, s->line, OP_GET_ITER, 0);
    }
    Block block = {.stmt = s};
    compile_push_block(c, &block, BLOCK_LOOP);
    c->depth += is_for;
    codegen_bind(c->fb, &loop.head);
    if (is_for) {
        codegen_emit_jump(c->fb, s->line, OP_FOR_ITER, &exit);
        compile_store(c, s->as.loop.target);
    } else if (!is_true_literal(s->as.loop.iter)) {
        compile_jump_if(c, s->as.loop.iter, false, &exit);
    }
    c->loop = &loop;
    compile_block(c, s->as.loop.body);
    c->loop = loop.outer;
    codegen_emit_jump(c->fb, s->line, OP_JUMP_BACKWARD, &loop.head);
    c->block = block.outer;
    c->depth = block.depth;
    codegen_bind(c->fb, &exit);
    compile_block(c, s->as.loop.orelse);
    codegen_bind(c->fb, &loop.end);
    label_free(&loop.head);
    label_free(&loop.end);
    label_free(&exit);
}

/* import m [as a] -> LOAD_GLOBAL m, store a (math and sys are builtins bound to those global names);
 * from m import n [as a] -> LOAD_GLOBAL m, LOAD_ATTR n, store a. */
static void compile_import(Compiler *c, const Stmt *s) {
    const char *from = s->as.import.from;
    for (uint32_t i = 0; i < s->as.import.count; i++) {
        const ImportName *n = &s->as.import.names[i];
        if (from != NULL && strcmp(from, "__future__") == 0) {
            if (strcmp(n->name, "annotations") == 0) continue; /* annotations are ignored anyway */
            source_error(c->error, n->line, n->col, "future feature %s is not supported by cpvm", n->name);
            return;
        }
        const char *module = from != NULL ? from : n->name;
        if (strcmp(module, "math") != 0 && strcmp(module, "sys") != 0 && strcmp(module, "gc") != 0) {
            source_error(c->error, from != NULL ? s->line : n->line, from != NULL ? s->col : n->col,
                         "module '%s' is not supported by cpvm (only math, sys and gc)", module);
            return;
        }
        emit_global(c, n->line, OP_LOAD_GLOBAL, module);
        if (from != NULL) emit_global(c, n->line, OP_LOAD_ATTR, n->name);
        emit_name(c, n->line, n->asname, true);
    }
}

static void compile_assert(Compiler *c, const Stmt *s) {
    Label end;
    label_init(&end);
    compile_jump_if(c, s->as.assert_.test, true, &end);
    if (s->as.assert_.msg != NULL) compile_expr(c, s->as.assert_.msg);
    else emit_none(c, s->line);
    emit(c, s->line, OP_RAISE_ASSERT, 0);
    codegen_bind(c->fb, &end);
    label_free(&end);
}

static bool is_constant(const Expr *e) {
    return e->kind == EXPR_INT || e->kind == EXPR_BIGINT || e->kind == EXPR_FLOAT || e->kind == EXPR_STR || e->kind == EXPR_TRUE ||
           e->kind == EXPR_FALSE || e->kind == EXPR_NONE || e->kind == EXPR_ELLIPSIS;
}

/* a, b = x, y (and three names): CPython's shortcut, which builds no tuple. The values are pushed in order,
 * and SWAP puts them in the order UNPACK_SEQUENCE would have left: the first value on top. Only for plain
 * names, whose stores cannot run code that would notice the different order of events. */
static bool compile_swap_assign(Compiler *c, const Stmt *s) {
    if (s->as.assign.targets.count != 1) return false;
    const Expr *target = s->as.assign.targets.items[0];
    const Expr *value = s->as.assign.value;
    if ((target->kind != EXPR_TUPLE && target->kind != EXPR_LIST) || value->kind != EXPR_TUPLE) return false;
    uint32_t count = target->as.values.count;
    if (count < 2 || count > 3 || value->as.values.count != count) return false;
    for (uint32_t i = 0; i < count; i++) {
        if (target->as.values.items[i]->kind != EXPR_NAME || value->as.values.items[i]->kind == EXPR_STARRED) return false;
    }
    for (uint32_t i = 0; i < count; i++) compile_expr(c, value->as.values.items[i]);
    emit(c, s->line, OP_SWAP, count);
    for (uint32_t i = 0; i < count; i++) compile_store(c, target->as.values.items[i]);
    return true;
}

static void compile_stmt(Compiler *c, const Stmt *s) {
    switch (s->kind) {
    case STMT_EXPR:
        if (is_constant(s->as.expr)) break; /* docstrings and other constants do nothing, as in CPython */
        compile_expr(c, s->as.expr);
        emit(c, s->line, OP_POP_TOP, 0);
        break;
    case STMT_ASSIGN:
        if (compile_swap_assign(c, s)) break;
        compile_expr(c, s->as.assign.value);
        for (uint32_t i = 0; i < s->as.assign.targets.count; i++) {
            if (i + 1 < s->as.assign.targets.count) emit(c, s->line, OP_COPY, 1);
            compile_store(c, s->as.assign.targets.items[i]);
        }
        break;
    case STMT_AUGASSIGN: compile_augassign(c, s); break;
    case STMT_ANNASSIGN:
        if (s->as.ann.value == NULL) break;
        compile_expr(c, s->as.ann.value);
        compile_store(c, s->as.ann.target);
        break;
    case STMT_IF: compile_if(c, s); break;
    case STMT_WHILE: case STMT_FOR: compile_loop(c, s); break;
    case STMT_BREAK: case STMT_CONTINUE: compile_jump_out(c, s); break;
    case STMT_RETURN:
        if (!c->scope->is_function) {
            fail_at(c, s->line, s->col, "'return' outside function");
            break;
        }
        if (s->as.expr != NULL) compile_expr(c, s->as.expr);
        else emit_none(c, s->line);
        compile_return_value(c, s->line);
        break;
    case STMT_DEF: compile_def(c, s); break;
    case STMT_IMPORT: compile_import(c, s); break;
    case STMT_ASSERT: compile_assert(c, s); break;
    case STMT_DEL: compile_del(c, s->as.expr); break;
    case STMT_GLOBAL: case STMT_NONLOCAL: case STMT_PASS: break;
    case STMT_TRY: compile_try(c, s); break;
    case STMT_RAISE: compile_raise(c, s); break;
    case STMT_WITH: compile_with(c, s); break;
    }
}

void compile_block(Compiler *c, StmtList body) {
    for (uint32_t i = 0; i < body.count && !c->error->set; i++) compile_stmt(c, body.items[i]);
}

/* A body's docstring: its first statement, when that is a plain string literal (not an f-string). */
static const Expr *docstring_of(StmtList body) {
    if (body.count == 0 || body.items[0]->kind != STMT_EXPR) return NULL;
    const Expr *e = body.items[0]->as.expr;
    return e->kind == EXPR_STR ? e : NULL;
}

void compile_docstring(Compiler *c, StmtList body, bool is_module) {
    const Expr *doc = docstring_of(body);
    if (doc == NULL) return;
    ConstEntry entry = {.kind = CONST_STR, .s = doc->as.str.chars, .length = doc->as.str.length};
    if (is_module) {
        /* The module's is a global, as in CPython: __doc__ = "..." before the first statement. */
        emit_const(c, doc->line, entry);
        compile_name(c, doc->line, "__doc__", NAME_STORE);
        return;
    }
    /* A function's is its constant 0 (CPython's co_consts[0]), flagged so __doc__ knows it is one. */
    if (codegen_const(c->fb, &entry) != 0) {
        compile_fail_at(c, doc->line, doc->col, "internal error: the docstring is not the first constant");
        return;
    }
    c->fb->flags |= CODE_DOCSTRING;
}

void compile_finish_body(Compiler *c, StmtList body, uint32_t line) {
    if (!c->fb->reachable) return;
    if (body.count > 0) line = body.items[body.count - 1]->line;
    emit_none(c, line);
    emit(c, line, OP_RETURN_VALUE, 0);
}

/* --- Entry point -------------------------------------------------------------------------------------- */

Program *compiler_compile(Vm *vm, const char *source, size_t length, const char *filename, char *error,
                          size_t error_size) {
    SourceError source_error_info = {0};
    Arena arena = {0};
    FuncBuilder module;
    codegen_init(&module, "<module>");
    Compiler c = {.vm = vm, .arena = &arena, .error = &source_error_info, .fb = &module};
    ScopeTree scopes = {0};
    c.funcs = malloc(sizeof(FuncBuilder *) * 8);
    c.funcs_capacity = 8;
    Program *program = NULL;
    StmtList body;
    if (c.funcs == NULL) {
        snprintf(error, error_size, "%s: error: out of memory while compiling", filename);
    } else {
        c.funcs[c.nfuncs++] = &module;
        if (source_check_utf8(source, length, c.error) && parser_parse(source, length, &arena, c.error, &body)) {
            if (compile_module_scope(&c, body, &scopes)) {
                compile_docstring(&c, body, true);
                compile_block(&c, body);
                compile_finish_body(&c, body, 1);
            }
        }
        if (c.error->set) source_format_error(source, length, filename, c.error, error, error_size);
        else program = codegen_build_program(vm, c.funcs, c.nfuncs, filename, error, error_size);
        /* Tracebacks show lines of this text only (vm.c); failing to keep it loses just those lines. */
        if (program != NULL) (void)vm_remember_source(vm, filename, source, length);
    }
    for (uint32_t i = 0; i < c.nfuncs; i++) {
        codegen_free(c.funcs[i]);
        if (c.funcs[i] != &module) free(c.funcs[i]);
    }
    free(c.funcs);
    scope_tree_free(&scopes);
    arena_free(&arena);
    return program;
}
