/* scope.h: symbol analysis: which scope each name of each function, lambda and comprehension lives in.
 *
 * compiler.c runs scope_analyze on the module's tree before emitting anything; it attaches one FuncScope
 * to every def, lambda and comprehension node, and the emitter asks scope_lookup how to load or store a
 * name. CPython's rules (Python/symtable.c): a name bound anywhere in a function (assignment, for target,
 * parameter, def, import, del) is local to it unless declared global or nonlocal; a name a function uses
 * but does not bind is free when an enclosing function binds it, else global; a local that an inner scope
 * uses is a cell. At module level every name is global.
 */
#ifndef cpvm_scope_h
#define cpvm_scope_h

#include "objects/object.h"
#include "compiler/ast.h"
#include "compiler/codegen.h"
#include "compiler/lexer.h"

typedef enum {
    SYM_GLOBAL, /* LOAD_GLOBAL / STORE_GLOBAL */
    SYM_LOCAL,  /* LOAD_FAST / STORE_FAST */
    SYM_CELL,   /* a local an inner scope captures: its slot holds a cell (LOAD_DEREF / STORE_DEREF) */
    SYM_FREE,   /* an enclosing function's cell, copied into the last slots by COPY_FREE_VARS */
} SymKind;

struct FuncScope {
    FuncScope *parent;   /* NULL for the module */
    FuncScope *next_all; /* every scope of the tree, for scope_tree_free */
    bool is_function;    /* false for the module */
    bool is_comprehension; /* a comprehension's scope: `:=` in it binds in the enclosing function */
    uint32_t nparams;    /* the first nparams names of [bound] are the parameters (all kinds) */
    const ParamList *params; /* their kinds; NULL for the module */
    NameTable locals;    /* the function's local slots: parameters first, then the other names it binds */
    NameTable cells;     /* the locals an inner scope captures */
    NameTable frees;     /* enclosing functions' variables it uses or passes to an inner scope, slot order */
    /* What the scan has seen, in source order. */
    NameTable used, bound, globals, nonlocals;
    const Stmt **nonlocal_stmts; /* where each nonlocal name was declared, for errors; malloc'd */
    FuncScope **children;
    uint32_t nchildren, children_capacity;
};

typedef struct {
    FuncScope *module;
    FuncScope *all; /* linked through next_all */
} ScopeTree;

/* Analyses [body], the module. False with [error] set on a SyntaxError CPython would give (a bad global
 * or nonlocal declaration) or when memory runs out. Free the tree with scope_tree_free either way. */
bool scope_analyze(ScopeTree *tree, StmtList body, SourceError *error);
void scope_tree_free(ScopeTree *tree);

SymKind scope_lookup(const FuncScope *scope, const char *name);

#endif
