/* compile_try.c: try/except/else/finally and raise, in CPython 3.11's scheme ("zero-cost" exceptions).
 *
 * Nothing runs on entering a try: the code emitted while a handler is set (codegen_set_handler) is
 * covered by it in the exception table, and an error there enters the handler with the stack cut to
 * the recorded depth and the exception pushed. Layout of `try: B except T as e: H else: E`, depth d:
 *
 *       NOP; B                        covered by X (depth d)
 *       E; JUMP_FORWARD end
 *   X:  PUSH_EXC_INFO                 ( prev exc )      covered by C (depth d + 1) from here ...
 *       T; CHECK_EXC_MATCH; POP_JUMP_IF_FALSE next
 *       STORE e                       ( prev )
 *       H                             covered by N (depth d + 1)
 *       POP_EXCEPT; e = None; del e; JUMP_FORWARD end
 *   N:  e = None; del e; RERAISE      ( prev exc2 -- prev )
 *   next: RERAISE                     no clause matched  ... to here
 *   C:  SWAP 2; POP_EXCEPT; RERAISE   ( prev exc2 ): the exception being handled is restored
 *   end:
 *
 * try/finally emits the finally body twice: on the normal path, and as a handler (PUSH_EXC_INFO, the
 * body, RERAISE, with the same cleanup C). A return, break or continue inside emits what each block it
 * leaves needs (compile_unwind), including a third copy of the finally body.
 *
 * `with m as x: B` is CPython 3.11's too, a try/finally whose finally calls __exit__, depth d:
 *
 *       m; BEFORE_WITH                ( exit m.__enter__() )
 *       STORE x; B                    covered by X (depth d + 1: exit stays)
 *       None None None; CALL 3; POP_TOP; JUMP_FORWARD end      exit(None, None, None)
 *   X:  PUSH_EXC_INFO                 ( exit prev exc )      covered by C (depth d + 2)
 *       WITH_EXCEPT_START             ( exit prev exc exit(type(exc), exc, None) )
 *       POP_JUMP_IF_TRUE s; RERAISE   a false result lets the exception go on
 *   s:  POP_TOP; POP_EXCEPT; POP_TOP; JUMP_FORWARD end         a true one swallows it
 *   C:  SWAP 2; POP_EXCEPT; RERAISE
 *   end:
 */
#include "objects/object.h"
#include "bytecode/opcodes.h"
#include "compiler/compile_internal.h"

void compile_push_block(Compiler *c, Block *b, BlockKind kind) {
    b->outer = c->block;
    b->kind = kind;
    b->outer_handler = c->fb->handler;
    b->outer_depth = c->fb->handler_depth;
    b->depth = c->depth;
    c->block = b;
}

static void pop_block(Compiler *c) { c->block = c->block->outer; }

/* e = None; del e: an exception kept in a name would keep its traceback's frames alive (CPython). */
static void clear_name(Compiler *c, const char *name, uint32_t line) {
    emit_none(c, line);
    compile_name(c, line, name, NAME_STORE);
    compile_name(c, line, name, NAME_DELETE);
}

/* The handler every except clause and finally body share: restores the exception being handled,
 * then re-raises the one that left them. Entered with ( prev exc2 ). */
static void emit_cleanup(Compiler *c, int32_t cleanup, const Block *b, uint32_t line) {
    codegen_bind_handler(c->fb, cleanup);
    codegen_set_handler(c->fb, b->outer_handler, b->outer_depth);
    emit(c, line, OP_SWAP, 2);
    emit(c, line, OP_POP_EXCEPT, 0);
    emit(c, line, OP_RERAISE, 0);
}

/* One `except T as e:` clause, entered with ( prev exc ) under [cleanup]; [next] is where a
 * non-matching exception goes. */
static void compile_handler(Compiler *c, const ExceptHandler *h, Block *try_block, int32_t cleanup, Label *end) {
    uint32_t d = try_block->depth;
    Label next;
    label_init(&next);
    if (h->type != NULL) {
        compile_expr(c, h->type);
        emit(c, h->line, OP_CHECK_EXC_MATCH, 0);
        codegen_emit_jump(c->fb, h->line, OP_POP_JUMP_IF_FALSE, &next);
    }
    int32_t name_cleanup = -1;
    if (h->name != NULL) {
        compile_name(c, h->line, h->name, NAME_STORE);
        name_cleanup = codegen_new_handler(c->fb);
        codegen_set_handler(c->fb, name_cleanup, d + 1);
    } else {
        emit(c, h->line, OP_POP_TOP, 0);
    }
    Block b = {.name = h->name};
    c->depth = d + 1;
    compile_push_block(c, &b, BLOCK_HANDLER);
    b.outer_handler = try_block->outer_handler; /* leaving the clause leaves the cleanup's range too */
    b.outer_depth = try_block->outer_depth;
    b.depth = d;
    compile_block(c, h->body);
    pop_block(c);
    c->depth = d;
    uint32_t line = h->body.count > 0 ? h->body.items[h->body.count - 1]->line : h->line;
    codegen_set_handler(c->fb, b.outer_handler, b.outer_depth);
    emit(c, line, OP_POP_EXCEPT, 0);
    if (h->name != NULL) clear_name(c, h->name, line);
    codegen_emit_jump(c->fb, line, OP_JUMP_FORWARD, end);
    if (h->name != NULL) {
        codegen_bind_handler(c->fb, name_cleanup);
        codegen_set_handler(c->fb, cleanup, d + 1);
        clear_name(c, h->name, line);
        emit(c, line, OP_RERAISE, 0);
    }
    codegen_bind(c->fb, &next);
    codegen_set_handler(c->fb, cleanup, d + 1);
    label_free(&next);
}

static void compile_try_except(Compiler *c, const Stmt *s) {
    uint32_t d = c->depth;
    int32_t handler = codegen_new_handler(c->fb);
    Block b = {0};
    compile_push_block(c, &b, BLOCK_TRY_EXCEPT);
    codegen_set_handler(c->fb, handler, d);
    emit(c, s->line, OP_NOP, 0); /* the body's range is never empty, so the handler is reachable */
    compile_block(c, s->as.try_.body);
    pop_block(c);
    codegen_set_handler(c->fb, b.outer_handler, b.outer_depth);
    compile_block(c, s->as.try_.orelse);
    Label end;
    label_init(&end);
    codegen_emit_jump(c->fb, s->line, OP_JUMP_FORWARD, &end);

    const ExceptHandler *first = &s->as.try_.handlers[0];
    int32_t cleanup = codegen_new_handler(c->fb);
    codegen_bind_handler(c->fb, handler);
    codegen_set_handler(c->fb, cleanup, d + 1);
    emit(c, first->line, OP_PUSH_EXC_INFO, 0);
    for (uint32_t i = 0; i < s->as.try_.nhandlers && !c->error->set; i++) {
        compile_handler(c, &s->as.try_.handlers[i], &b, cleanup, &end);
    }
    const ExceptHandler *last = &s->as.try_.handlers[s->as.try_.nhandlers - 1];
    emit(c, last->line, OP_RERAISE, 0); /* no clause matched */
    emit_cleanup(c, cleanup, &b, last->line);
    codegen_bind(c->fb, &end);
    label_free(&end);
}

static void compile_try_finally(Compiler *c, const Stmt *s) {
    uint32_t d = c->depth;
    int32_t handler = codegen_new_handler(c->fb);
    Block b = {.stmt = s};
    compile_push_block(c, &b, BLOCK_FINALLY_TRY);
    codegen_set_handler(c->fb, handler, d);
    emit(c, s->line, OP_NOP, 0);
    if (s->as.try_.nhandlers > 0) compile_try_except(c, s);
    else compile_block(c, s->as.try_.body);
    pop_block(c);
    codegen_set_handler(c->fb, b.outer_handler, b.outer_depth);
    compile_block(c, s->as.try_.finalbody); /* the normal path */
    Label end;
    label_init(&end);
    const StmtList *fin = &s->as.try_.finalbody;
    uint32_t line = fin->count > 0 ? fin->items[0]->line : s->line;
    uint32_t last_line = fin->count > 0 ? fin->items[fin->count - 1]->line : s->line;
    codegen_emit_jump(c->fb, last_line, OP_JUMP_FORWARD, &end);

    int32_t cleanup = codegen_new_handler(c->fb);
    codegen_bind_handler(c->fb, handler);
    codegen_set_handler(c->fb, cleanup, d + 1);
    emit(c, line, OP_PUSH_EXC_INFO, 0);
    Block end_block = {0};
    compile_push_block(c, &end_block, BLOCK_FINALLY_END);
    end_block.outer_handler = b.outer_handler;
    end_block.outer_depth = b.outer_depth;
    c->depth = d + 2;
    compile_block(c, *fin);
    c->depth = d;
    pop_block(c);
    emit(c, last_line, OP_RERAISE, 0);
    emit_cleanup(c, cleanup, &b, last_line);
    codegen_bind(c->fb, &end);
    label_free(&end);
}

void compile_try(Compiler *c, const Stmt *s) {
    if (s->as.try_.has_finally) compile_try_finally(c, s);
    else compile_try_except(c, s);
}

/* exit(None, None, None) for the exit on top of the stack: a with body left normally, or by return,
 * break or continue. */
static void emit_exit_call(Compiler *c, uint32_t line) {
    for (int i = 0; i < 3; i++) emit_none(c, line);
    emit(c, line, OP_CALL, 3);
    emit(c, line, OP_POP_TOP, 0);
}

/* Item [i] of `with`, the later ones (then the body) nested inside it, as CPython does. */
static void compile_with_item(Compiler *c, const Stmt *s, uint32_t i) {
    uint32_t d = c->depth, line = s->line;
    compile_expr(c, s->as.with.managers[i]);
    emit(c, line, OP_BEFORE_WITH, 0);
    int32_t handler = codegen_new_handler(c->fb);
    Block b = {0};
    compile_push_block(c, &b, BLOCK_WITH);
    c->depth = d + 1;
    codegen_set_handler(c->fb, handler, d + 1);
    if (s->as.with.targets[i] != NULL) compile_store(c, s->as.with.targets[i]);
    else emit(c, line, OP_POP_TOP, 0);
    if (i + 1 < s->as.with.count) compile_with_item(c, s, i + 1);
    else compile_block(c, s->as.with.body);
    pop_block(c);
    codegen_set_handler(c->fb, b.outer_handler, b.outer_depth);
    Label end, suppress;
    label_init(&end);
    label_init(&suppress);
    emit_exit_call(c, line);
    codegen_emit_jump(c->fb, line, OP_JUMP_FORWARD, &end);

    int32_t cleanup = codegen_new_handler(c->fb);
    codegen_bind_handler(c->fb, handler);
    codegen_set_handler(c->fb, cleanup, d + 2);
    emit(c, line, OP_PUSH_EXC_INFO, 0);
    emit(c, line, OP_WITH_EXCEPT_START, 0);
    codegen_emit_jump(c->fb, line, OP_POP_JUMP_IF_TRUE, &suppress);
    emit(c, line, OP_RERAISE, 0);
    codegen_bind(c->fb, &suppress);
    emit(c, line, OP_POP_TOP, 0);
    codegen_set_handler(c->fb, b.outer_handler, b.outer_depth);
    emit(c, line, OP_POP_EXCEPT, 0);
    emit(c, line, OP_POP_TOP, 0);
    codegen_emit_jump(c->fb, line, OP_JUMP_FORWARD, &end);
    emit_cleanup(c, cleanup, &b, line);
    codegen_bind(c->fb, &end);
    label_free(&end);
    label_free(&suppress);
    c->depth = d;
}

void compile_with(Compiler *c, const Stmt *s) { compile_with_item(c, s, 0); }

/* raise -> RAISE_VARARGS 0; raise X -> X RAISE_VARARGS 1; raise X from Y -> X Y RAISE_VARARGS 2 */
void compile_raise(Compiler *c, const Stmt *s) {
    uint32_t count = 0;
    if (s->as.raise.exc != NULL) {
        compile_expr(c, s->as.raise.exc);
        count = 1;
        if (s->as.raise.cause != NULL) {
            compile_expr(c, s->as.raise.cause);
            count = 2;
        }
    }
    emit(c, s->line, OP_RAISE_VARARGS, count);
}

Block *compile_loop_block(Compiler *c) {
    for (Block *b = c->block; b != NULL; b = b->outer) {
        if (b->kind == BLOCK_LOOP) return b;
    }
    return NULL;
}

/* What leaving block [b] emits, under the handler outside it. */
static void unwind_block(Compiler *c, Block *b, bool preserve_tos, uint32_t line) {
    codegen_set_handler(c->fb, b->outer_handler, b->outer_depth);
    switch (b->kind) {
    case BLOCK_TRY_EXCEPT: break;
    case BLOCK_LOOP:
        if (b->stmt->kind != STMT_FOR) break;
        if (preserve_tos) emit(c, line, OP_SWAP, 2);
        emit(c, line, OP_POP_TOP, 0); /* a return leaving a for loop drops its iterator */
        break;
    case BLOCK_FINALLY_TRY: {
        /* the finally body runs here, outside its own block (a return in it must not run it again) */
        Block *saved = c->block;
        uint32_t depth = c->depth;
        c->block = b->outer;
        c->depth = b->depth + preserve_tos;
        compile_block(c, b->stmt->as.try_.finalbody);
        c->block = saved;
        c->depth = depth;
        break;
    }
    case BLOCK_FINALLY_END:
        if (preserve_tos) emit(c, line, OP_SWAP, 2);
        emit(c, line, OP_POP_TOP, 0); /* the exception the finally body was running for */
        __attribute__((fallthrough)); /* then ( prev ), as in a handler */
    case BLOCK_HANDLER:
        if (preserve_tos) emit(c, line, OP_SWAP, 2);
        emit(c, line, OP_POP_EXCEPT, 0);
        if (b->name != NULL) clear_name(c, b->name, line);
        break;
    case BLOCK_WITH:
        if (preserve_tos) emit(c, line, OP_SWAP, 2); /* ( value exit ) */
        emit_exit_call(c, line);
        break;
    }
}

void compile_unwind(Compiler *c, Block *stop, bool preserve_tos, uint32_t line) {
    for (Block *b = c->block; b != stop && b != NULL; b = b->outer) unwind_block(c, b, preserve_tos, line);
}

/* return v: v is on the stack; the blocks it leaves are left first, then RETURN_VALUE. */
void compile_return_value(Compiler *c, uint32_t line) {
    int32_t handler = c->fb->handler;
    uint32_t handler_depth = c->fb->handler_depth;
    compile_unwind(c, NULL, true, line);
    emit(c, line, OP_RETURN_VALUE, 0);
    codegen_set_handler(c->fb, handler, handler_depth); /* for the code after it, once reachable again */
}

/* break and continue: the finally bodies and handlers between here and the loop are left first. */
void compile_jump_out(Compiler *c, const Stmt *s) {
    if (c->loop == NULL) {
        compile_fail_at(c, s->line, s->col, s->kind == STMT_BREAK ? "'break' outside loop" : "'continue' not properly in loop");
        return;
    }
    /* finally bodies and handlers between here and the loop are left first (compile_try.c) */
    int32_t handler = c->fb->handler;
    uint32_t handler_depth = c->fb->handler_depth;
    compile_unwind(c, compile_loop_block(c), false, s->line);
    if (s->kind == STMT_CONTINUE) {
        codegen_emit_jump(c->fb, s->line, OP_JUMP_BACKWARD, &c->loop->head);
    } else {
        if (c->loop->is_for) emit(c, s->line, OP_POP_TOP, 0); /* the iterator */
        codegen_emit_jump(c->fb, s->line, OP_JUMP_FORWARD, &c->loop->end);
    }
    codegen_set_handler(c->fb, handler, handler_depth);
}
