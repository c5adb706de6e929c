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
#include "compiler/compiler.h"
#include "compiler/compile_internal.h"
#include "bytecode/opcodes.h"
#include "compiler/parser.h"
#include "compiler/source_text.h"



bool fail_at(Compiler *c, uint32_t line, uint32_t col, const char *message) {
    return source_error(c->error, line, col, "%s", message);
}

/* --- Scopes ------------------------------------------------------------------------------------------- */

static bool set_has(const NameTable *set, const char *name) { return nametable_find(set, name) >= 0; }

static void set_add(Compiler *c, NameTable *set, const char *name) {
    if (nametable_add(set, name) < 0) fail_at(c, 0, 0, "out of memory");
}

/* What the scan of one function (or the module) has seen so far, in source order. */
typedef struct {
    Compiler *c;
    bool in_function;
    const Stmt *def; /* the function's def, NULL for the module */
    NameTable used, bound, globals;
} Scope;

static void scan_expr(Scope *s, const Expr *e) {
    if (e == NULL) return;
    switch (e->kind) {
    case EXPR_NAME: set_add(s->c, &s->used, e->as.name); break;
    case EXPR_BINARY:
        scan_expr(s, e->as.binary.left);
        scan_expr(s, e->as.binary.right);
        break;
    case EXPR_UNARY: scan_expr(s, e->as.unary.operand); break;
    case EXPR_AND: case EXPR_OR: case EXPR_LIST: case EXPR_TUPLE: case EXPR_SET: case EXPR_CONST_SET: case EXPR_DICT:
    case EXPR_JOINED:
        for (uint32_t i = 0; i < e->as.values.count; i++) scan_expr(s, e->as.values.items[i]);
        break;
    case EXPR_FORMATTED: scan_expr(s, e->as.formatted.value); scan_expr(s, e->as.formatted.spec); break;
    case EXPR_YIELD: scan_expr(s, e->as.yield.value); break;
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
        for (uint32_t i = 0; i < e->as.call.args.count; i++) scan_expr(s, e->as.call.args.items[i]);
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
    default: break; /* literals */
    }
}

static void scan_bind(Scope *s, const char *name) { set_add(s->c, &s->bound, name); }

static void scan_target(Scope *s, const Expr *t) {
    if (t->kind == EXPR_NAME) {
        scan_bind(s, t->as.name);
    } else if (t->kind == EXPR_TUPLE || t->kind == EXPR_LIST) {
        for (uint32_t i = 0; i < t->as.values.count; i++) scan_target(s, t->as.values.items[i]);
    } else {
        scan_expr(s, t); /* a subscript target reads its container and index */
    }
}

/* `global x` after x was used or bound is an error in CPython, and so is a parameter declared global. */
static void scan_global(Scope *s, const Stmt *st) {
    for (uint32_t i = 0; i < st->as.names.count; i++) {
        const char *name = st->as.names.items[i];
        const char *problem = NULL;
        bool is_param = false;
        for (uint32_t k = 0; s->def != NULL && k < s->def->as.def.nparams; k++) {
            if (strcmp(s->def->as.def.params[k].name, name) == 0) is_param = true;
        }
        if (is_param) problem = "is parameter and global";
        else if (set_has(&s->bound, name)) problem = "is assigned to before global declaration";
        else if (set_has(&s->used, name)) problem = "is used prior to global declaration";
        if (problem != NULL) {
            source_error(s->c->error, st->line, st->col, "name '%s' %s", name, problem);
            return;
        }
        set_add(s->c, &s->globals, name);
    }
}

static void scan_block(Scope *s, StmtList body);

static void scan_stmt(Scope *s, const Stmt *st) {
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
    case STMT_DEF:
        if (s->in_function) {
            fail_at(s->c, st->line, st->col, "nested functions are not supported by cpvm");
            return;
        }
        for (uint32_t i = 0; i < st->as.def.nparams; i++) scan_expr(s, st->as.def.params[i].default_value);
        scan_bind(s, st->as.def.name);
        break;
    case STMT_GLOBAL: scan_global(s, st); break;
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
            const ExceptHandler *h = &st->as.try_.handlers[i];
            scan_expr(s, h->type);
            if (h->name != NULL) scan_bind(s, h->name);
            scan_block(s, h->body);
        }
        scan_block(s, st->as.try_.orelse);
        scan_block(s, st->as.try_.finalbody);
        break;
    case STMT_RAISE:
        scan_expr(s, st->as.raise.exc);
        scan_expr(s, st->as.raise.cause);
        break;
    default: break;
    }
}

static void scan_block(Scope *s, StmtList body) {
    for (uint32_t i = 0; i < body.count && !s->c->error->set; i++) scan_stmt(s, body.items[i]);
}

/* Scans the body of [def] (NULL: the module) and, in a function, makes every bound name that is not
 * global a local of fb (after the parameters, which the caller added). */
static void scan_scope(Compiler *c, const Stmt *def, StmtList body) {
    Scope s = {.c = c, .in_function = def != NULL, .def = def};
    scan_block(&s, body);
    if (def != NULL) {
        for (uint32_t i = 0; i < s.bound.count; i++) {
            if (!set_has(&s.globals, s.bound.items[i])) codegen_add_local(c->fb, s.bound.items[i]);
        }
        if (c->fb->locals.count > CPVM_MAX_LOCALS)
            source_error(c->error, def->line, def->col, "too many local variables (cpvm's limit is %d)", CPVM_MAX_LOCALS);
    }
    nametable_free(&s.used);
    nametable_free(&s.bound);
    nametable_free(&s.globals);
}

/* --- Names and constants ------------------------------------------------------------------------------ */

void emit(Compiler *c, uint32_t line, int op, uint32_t arg) { codegen_emit(c->fb, line, op, arg); }

static void emit_const(Compiler *c, uint32_t line, ConstEntry entry) {
    emit(c, line, OP_LOAD_CONST, codegen_const(c->fb, &entry));
}

void emit_none(Compiler *c, uint32_t line) { emit_const(c, line, (ConstEntry){.kind = CONST_NONE}); }

static void emit_global(Compiler *c, uint32_t line, int op, const char *name) {
    emit(c, line, op, codegen_name(c->fb, name));
}

/* LOAD_FAST/STORE_FAST for a local of the current function, else LOAD_GLOBAL/STORE_GLOBAL. */
void emit_name(Compiler *c, uint32_t line, const char *name, bool store) {
    int64_t local = c->in_function ? codegen_find_local(c->fb, name) : -1;
    if (local >= 0) emit(c, line, store ? OP_STORE_FAST : OP_LOAD_FAST, (uint32_t)local);
    else emit_global(c, line, store ? OP_STORE_GLOBAL : OP_LOAD_GLOBAL, name);
}

static bool check_count(Compiler *c, const Expr *e, uint64_t count, const char *what) {
    if (count <= CPVM_MAX_COUNT) return true;
    return source_error(c->error, e->line, e->col, "too many %s (cpvm's limit is %d)", what, CPVM_MAX_COUNT);
}

/* --- Expressions -------------------------------------------------------------------------------------- */

void compile_expr(Compiler *c, const Expr *e);

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
static void compile_jump_if(Compiler *c, const Expr *e, bool when, Label *target) {
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

/* f(args) -> CALL; obj.name(args) -> LOAD_METHOD, CALL_METHOD; f(..., k=v) -> CALL_KW with the keyword
 * names as a constant tuple pushed last (obj.name(k=v) calls the bound method LOAD_ATTR makes). */
static void compile_call(Compiler *c, const Expr *e) {
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
        for (uint32_t i = 0; i < e->as.values.count; i++) compile_expr(c, e->as.values.items[i]);
        emit(c, line, display_opcode(e->kind), e->kind == EXPR_DICT ? e->as.values.count / 2 : e->as.values.count);
        break;
    case EXPR_FORMATTED: /* value [spec] FORMAT_VALUE or FORMAT_WITH_SPEC; the operand is the conversion */
        compile_expr(c, e->as.formatted.value);
        compile_expr(c, e->as.formatted.spec);
        emit(c, line, e->as.formatted.spec ? OP_FORMAT_WITH_SPEC : OP_FORMAT_VALUE, e->as.formatted.conversion);
        break;
    case EXPR_YIELD: compile_yield(c, e); break;
    }
}

/* --- Statements --------------------------------------------------------------------------------------- */

void compile_block(Compiler *c, StmtList body);

/* Stores the value on top of the stack into [t]: a name, a subscript (value container index ->
 * STORE_SUBSCR) or a tuple or list of targets (UNPACK_SEQUENCE, then each target in order). */
static void compile_store(Compiler *c, const Expr *t) {
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
        emit(c, t->line, OP_UNPACK_SEQUENCE, t->as.values.count);
        for (uint32_t i = 0; i < t->as.values.count; i++) compile_store(c, t->as.values.items[i]);
        break;
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
        emit_delete_name(c, t->line, t->as.name);
    }
}

void emit_delete_name(Compiler *c, uint32_t line, const char *name) {
    int64_t local = c->in_function ? codegen_find_local(c->fb, name) : -1;
    if (local >= 0) emit(c, line, OP_DELETE_FAST, (uint32_t)local);
    else emit_global(c, line, OP_DELETE_GLOBAL, name);
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

static void compile_function(Compiler *c, const Stmt *s, FuncBuilder *fb);

/* def f(a, b=1): ... -> defaults BUILD_TUPLE, LOAD_CONST <code f>, MAKE_FUNCTION 1, store f */
static void compile_def(Compiler *c, const Stmt *s) {
    if (c->in_function) {
        fail_at(c, s->line, s->col, "nested functions are not supported by cpvm");
        return;
    }
    uint32_t ndefaults = 0;
    for (uint32_t i = 0; i < s->as.def.nparams; i++) {
        if (s->as.def.params[i].default_value == NULL) continue;
        compile_expr(c, s->as.def.params[i].default_value);
        ndefaults++;
    }
    if (ndefaults > 0) emit(c, s->line, OP_BUILD_TUPLE, ndefaults);
    if (c->nfuncs == c->funcs_capacity) {
        uint32_t capacity = c->funcs_capacity * 2;
        FuncBuilder **funcs = realloc(c->funcs, sizeof(FuncBuilder *) * capacity);
        if (funcs == NULL) {
            fail_at(c, s->line, s->col, "out of memory");
            return;
        }
        c->funcs = funcs;
        c->funcs_capacity = capacity;
    }
    FuncBuilder *fb = malloc(sizeof(FuncBuilder));
    if (fb == NULL) {
        fail_at(c, s->line, s->col, "out of memory");
        return;
    }
    codegen_init(fb, s->as.def.name);
    uint32_t index = c->nfuncs;
    c->funcs[c->nfuncs++] = fb;
    fb->nparams = s->as.def.nparams;
    fb->ndefaults = ndefaults;
    compile_function(c, s, fb);
    emit_const(c, s->line, (ConstEntry){.kind = CONST_CODE, .code_index = index});
    emit(c, s->line, OP_MAKE_FUNCTION, ndefaults > 0);
    emit_name(c, s->line, s->as.def.name, true);
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
        if (strcmp(module, "math") != 0 && strcmp(module, "sys") != 0) {
            source_error(c->error, from != NULL ? s->line : n->line, from != NULL ? s->col : n->col,
                         "module '%s' is not supported by cpvm (only math and sys)", module);
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
           e->kind == EXPR_FALSE || e->kind == EXPR_NONE;
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
        if (target->as.values.items[i]->kind != EXPR_NAME) return false;
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
        if (!c->in_function) {
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
    case STMT_GLOBAL: case STMT_PASS: break;
    case STMT_TRY: compile_try(c, s); break;
    case STMT_RAISE: compile_raise(c, s); break;
    }
}

void compile_block(Compiler *c, StmtList body) {
    for (uint32_t i = 0; i < body.count && !c->error->set; i++) compile_stmt(c, body.items[i]);
}

/* The implicit `return None` at the end of a body that can fall off it; it takes the last line. */
static void finish_body(Compiler *c, StmtList body, uint32_t line) {
    if (!c->fb->reachable) return;
    if (body.count > 0) line = body.items[body.count - 1]->line;
    emit_none(c, line);
    emit(c, line, OP_RETURN_VALUE, 0);
}

static void compile_function(Compiler *c, const Stmt *s, FuncBuilder *fb) {
    FuncBuilder *outer = c->fb;
    Loop *outer_loop = c->loop; /* a def may sit inside a module-level loop */
    Block *outer_block = c->block;
    uint32_t outer_depth = c->depth;
    c->fb = fb;
    c->in_function = true;
    c->loop = NULL;
    c->block = NULL;
    c->depth = 0;
    for (uint32_t i = 0; i < s->as.def.nparams; i++) codegen_add_local(fb, s->as.def.params[i].name);
    scan_scope(c, s, s->as.def.body);
    compile_block(c, s->as.def.body);
    finish_body(c, s->as.def.body, s->line);
    c->fb = outer;
    c->loop = outer_loop;
    c->block = outer_block;
    c->depth = outer_depth;
    c->in_function = false;
}

/* --- Entry point -------------------------------------------------------------------------------------- */

Program *compiler_compile(Vm *vm, const char *source, size_t length, const char *filename, char *error,
                          size_t error_size) {
    SourceError source_error_info = {0};
    Arena arena = {0};
    FuncBuilder module;
    codegen_init(&module, "<module>");
    Compiler c = {.vm = vm, .arena = &arena, .error = &source_error_info, .fb = &module};
    c.funcs = malloc(sizeof(FuncBuilder *) * 8);
    c.funcs_capacity = 8;
    Program *program = NULL;
    StmtList body;
    if (c.funcs == NULL) {
        snprintf(error, error_size, "%s: error: out of memory while compiling", filename);
    } else {
        c.funcs[c.nfuncs++] = &module;
        if (source_check_utf8(source, length, c.error) && parser_parse(source, length, &arena, c.error, &body)) {
            scan_scope(&c, NULL, body);
            compile_block(&c, body);
            finish_body(&c, body, 1);
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
    arena_free(&arena);
    return program;
}
