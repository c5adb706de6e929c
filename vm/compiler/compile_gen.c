/* compile_gen.c: yield and yield from. A def whose body yields is a generator function: its code is
 * marked CODE_GENERATOR (codegen.c) and calling it makes a generator (interp/generators.c).
 *
 *   yield x         x YIELD_VALUE 0              ( -- sent ): the value sent in is the expression's value
 *   yield from it   it GET_ITER LOAD_CONST None
 *                   loop: SEND exit              ( iter v -- iter r ): r came out of the delegate
 *                         YIELD_VALUE 1          passes r out; resumed with what was sent
 *                         JUMP_BACKWARD loop     and sends that in
 *                   exit:                        ( r ): the delegate's return value
 *
 * as CPython 3.11's SEND loop. YIELD_VALUE 1 tells throw() and close() that the delegate is on the stack
 * under the yielded value, and generators.c's finish_yield_from relies on this exact shape.
 */
#include <string.h>

#include "objects/object.h"
#include "bytecode/opcodes.h"
#include "compiler/compile_internal.h"

void compile_yield(Compiler *c, const Expr *e) {
    uint32_t line = e->line;
    if (!c->scope->is_function) {
        compile_fail_at(c, line, e->col, "'yield' outside function");
        return;
    }
    if (c->scope->is_comprehension) { /* CPython 3.11: a SyntaxError, not a generator inside the comprehension */
        const char *name = c->fb->name;
        const char *what = strcmp(name, "<setcomp>") == 0    ? "set comprehension"
                           : strcmp(name, "<dictcomp>") == 0 ? "dict comprehension"
                           : strcmp(name, "<genexpr>") == 0  ? "generator expression"
                                                             : "list comprehension";
        source_error(c->error, line, e->col, "'yield' inside %s", what);
        return;
    }
    c->fb->is_generator = true;
    if (!e->as.yield.from) {
        if (e->as.yield.value != NULL) compile_expr(c, e->as.yield.value);
        else emit_none(c, line);
        emit(c, line, OP_YIELD_VALUE, 0);
        return;
    }
    compile_expr(c, e->as.yield.value);
    emit(c, line, OP_GET_ITER, 0);
    emit_none(c, line);
    Label loop, exit;
    label_init(&loop);
    label_init(&exit);
    codegen_bind(c->fb, &loop);
    codegen_emit_jump(c->fb, line, OP_SEND, &exit);
    emit(c, line, OP_YIELD_VALUE, 1);
    codegen_emit_jump(c->fb, line, OP_JUMP_BACKWARD, &loop);
    codegen_bind(c->fb, &exit);
    label_free(&loop);
    label_free(&exit);
}
