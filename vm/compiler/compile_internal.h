/* compile_internal.h: what compiler.c (statements and expressions) shares with the compilers in their
 * own files: compile_func.c (functions, lambdas, comprehensions, closures) and compile_try.c (try and
 * raise): the Compiler state, the block stack and the emitters they all use.
 * Nothing outside the compiler includes this.
 */
#ifndef cpvm_compile_internal_h
#define cpvm_compile_internal_h

#include "objects/object.h"
#include "bytecode/bytecode.h"
#include "bytecode/opcodes.h"
#include "compiler/ast.h"
#include "compiler/codegen.h"
#include "compiler/scope.h"

typedef struct Loop {
    struct Loop *outer;
    bool is_for; /* a for loop keeps its iterator on the stack: break must pop it */
    Label head;  /* bound at the top of the loop: continue jumps back here */
    Label end;   /* after the else clause: break jumps here */
} Loop;

/* What a return, break or continue leaves on its way out (CPython's fblocks), innermost first. */
typedef enum {
    BLOCK_LOOP,        /* a loop: break and continue stop here */
    BLOCK_TRY_EXCEPT,  /* the body of a try with except clauses: leaving it leaves its handler's range */
    BLOCK_FINALLY_TRY, /* the body of a try/finally: leaving it runs the finally body */
    BLOCK_FINALLY_END, /* the finally body run for an exception: ( prev exc ) on the stack */
    BLOCK_HANDLER,     /* an except clause's body: ( prev ) on the stack; the `as` name is cleared */
    BLOCK_WITH,        /* a with body: ( exit ) on the stack; leaving it calls exit(None, None, None) */
} BlockKind;

typedef struct Block {
    struct Block *outer;
    BlockKind kind;
    int32_t outer_handler;   /* the handler covering code outside this block, and its depth */
    uint32_t outer_depth;
    uint32_t depth;          /* operand stack depth outside the block */
    const Stmt *stmt;        /* FINALLY_TRY: the try statement (its finalbody) */
    const char *name;        /* HANDLER: the `as` name, or NULL */
} Block;

typedef struct {
    Vm *vm;
    Arena *arena;
    SourceError *error;
    FuncBuilder **funcs; /* funcs[0] is the module body; each def, lambda and comprehension appends one */
    uint32_t nfuncs, funcs_capacity;
    FuncBuilder *fb;  /* the function being emitted */
    FuncScope *scope; /* its scope (scope.c): where each name lives */
    Loop *loop;       /* innermost loop of the function being emitted */
    Block *block;     /* innermost block of the function being emitted */
    uint32_t depth;   /* operand stack depth between statements: for iterators, handlers' saved exceptions */
} Compiler;

static inline void emit(Compiler *c, uint32_t line, int op, uint32_t arg) { codegen_emit(c->fb, line, op, arg); }

static inline void emit_const(Compiler *c, uint32_t line, ConstEntry entry) {
    emit(c, line, OP_LOAD_CONST, codegen_const(c->fb, &entry));
}

static inline void emit_none(Compiler *c, uint32_t line) { emit_const(c, line, (ConstEntry){.kind = CONST_NONE}); }

bool compile_fail_at(Compiler *c, uint32_t line, uint32_t col, const char *message);
/* Loads, stores or deletes [name] as its scope says: LOAD_FAST, LOAD_DEREF or LOAD_GLOBAL, ... */
typedef enum { NAME_LOAD, NAME_STORE, NAME_DELETE } NameAccess;
void compile_name(Compiler *c, uint32_t line, const char *name, NameAccess access);
/* The docstring of [body], if it has one: a module stores it in __doc__, a function keeps it as its
 * constant 0 (CODE_DOCSTRING). Called before anything else of the body is emitted. */
void compile_docstring(Compiler *c, StmtList body, bool is_module);
void compile_expr(Compiler *c, const Expr *e);
void compile_block(Compiler *c, StmtList body);
/* Stores the value on top of the stack into target [t]. */
void compile_store(Compiler *c, const Expr *t);
/* Jumps to [target] when the truth of [e] is [when], else falls through. */
void compile_jump_if(Compiler *c, const Expr *e, bool when, Label *target);
/* The implicit `return None` at the end of a body that can fall off it; it takes the last line. */
void compile_finish_body(Compiler *c, StmtList body, uint32_t line);

/* --- compile_func.c --- */

/* def, with its decorators: the function object, stored to its name. */
void compile_def(Compiler *c, const Stmt *s);
/* lambda and the comprehensions: leave the function object or the comprehension's result on the stack. */
void compile_lambda(Compiler *c, const Expr *e);
void compile_comprehension(Compiler *c, const Expr *e);
/* The module body's scope, before anything is emitted (false with the error set). */
bool compile_module_scope(Compiler *c, StmtList body, ScopeTree *tree);

/* --- compile_gen.c --- */

/* yield [x] and yield from x (an EXPR_YIELD); marks the function a generator. */
void compile_yield(Compiler *c, const Expr *e);

/* --- compile_try.c --- */

void compile_try(Compiler *c, const Stmt *s);
/* with a as x, b: body (compile_try.c: it leaves through the same blocks as try/finally). */
void compile_with(Compiler *c, const Stmt *s);
void compile_raise(Compiler *c, const Stmt *s);
/* Emits what leaving every block down to [stop] (exclusive; NULL: all) needs: finally bodies, restoring
 * the exception being handled, clearing `as` names. [preserve_tos]: a return value stays on top. */
void compile_unwind(Compiler *c, Block *stop, bool preserve_tos, uint32_t line);
/* Pushes [b] (which the caller owns) as the innermost block, recording the handler and depth outside it. */
void compile_push_block(Compiler *c, Block *b, BlockKind kind);
/* return (the value on the stack), break and continue, through the blocks they leave. */
void compile_return_value(Compiler *c, uint32_t line);
void compile_jump_out(Compiler *c, const Stmt *s);
/* The innermost loop block, or NULL. */
Block *compile_loop_block(Compiler *c);

#endif
