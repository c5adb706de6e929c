/* ast.h: the syntax tree of a Python-subset module, and the arena it lives in.
 *
 * parser.c builds it, compiler.c walks it. Every node records the line and byte column where it starts,
 * which become the line table and the location of compile errors. Nodes, lists and decoded strings are
 * allocated from one Arena and freed together, so no node is ever freed alone. The parser rejects
 * constructs outside the subset as it meets them, so the compiler only sees the kinds below; adding a
 * construct (a dict display, an f-string, a class) means a new kind here, a parse rule and a compile case.
 * The parser bounds the depth of every tree (CPVM_MAX_AST_DEPTH), so the compiler may recurse over it.
 */
#ifndef cpvm_ast_h
#define cpvm_ast_h

#include "core/common.h"

/* --- Arena ------------------------------------------------------------------------------------------ */

typedef struct ArenaBlock ArenaBlock;

/* Bump allocation from malloc'd blocks. The tree is compile-time scratch, freed before the program runs,
 * so it does not go through the VM's allocator (which counts the Python heap). */
typedef struct {
    ArenaBlock *head;
} Arena;

/* Zeroed memory, or NULL when malloc fails. */
void *arena_alloc(Arena *arena, size_t size);
/* A NUL-ended copy of [length] bytes of [chars], or NULL. */
char *arena_strdup(Arena *arena, const char *chars, size_t length);
void arena_free(Arena *arena);

/* --- Nodes ------------------------------------------------------------------------------------------ */

/* How deep an expression tree may be. A left-leaning chain like 1+1+...+1 is parsed by a loop, but
 * compiling it recurses once per operator, so the parser refuses deeper trees. */
#define CPVM_MAX_AST_DEPTH 1000

typedef struct Expr Expr;
typedef struct Stmt Stmt;

typedef struct {
    Expr **items;
    uint32_t count;
} ExprList;

typedef struct {
    Stmt **items;
    uint32_t count;
} StmtList;

typedef enum {
    EXPR_INT,     /* as.int_value */
    EXPR_FLOAT,   /* as.float_value */
    EXPR_STR,     /* as.str (adjacent literals already joined) */
    EXPR_TRUE,
    EXPR_FALSE,
    EXPR_NONE,
    EXPR_ELLIPSIS, /* `...` */
    EXPR_NAME,    /* as.name */
    EXPR_BINARY,  /* as.binary: op is a BinaryOp (opcodes.h) */
    EXPR_UNARY,   /* as.unary: op is OP_UNARY_NEGATIVE, OP_UNARY_POSITIVE, OP_UNARY_NOT or OP_UNARY_INVERT */
    EXPR_AND,     /* as.values: a and b and ... */
    EXPR_OR,      /* as.values */
    EXPR_COMPARE, /* as.compare: left op[0] right[0] op[1] right[1] ... */
    EXPR_IFELSE,  /* as.ifelse: body if test else orelse */
    EXPR_CALL,    /* as.call */
    EXPR_ATTR,    /* as.attr: value.name */
    EXPR_SUBSCR,  /* as.subscr: value[index]; index may be an EXPR_SLICE */
    EXPR_SLICE,   /* as.slice: lower:upper:step, each possibly NULL; only as a subscript index */
    EXPR_LIST,    /* as.values */
    EXPR_TUPLE,   /* as.values */
    EXPR_SET,     /* as.values */
    EXPR_CONST_SET, /* as.values: a set display of 3 or more constants, which CPython builds its own way */
    EXPR_DICT,    /* as.values: key, value, key, value, ... */
    EXPR_BIGINT,  /* as.str: an int literal outside int64, its source text ('-' first when negated) */
    EXPR_BYTES,   /* as.str: a bytes literal's bytes */
    EXPR_JOINED,  /* as.values: an f-string, its EXPR_STR and EXPR_FORMATTED parts in order */
    EXPR_FORMATTED, /* as.formatted: one {value!conversion:spec} field of an f-string */
    EXPR_LAMBDA,  /* as.lambda: lambda params: body */
    EXPR_LISTCOMP, /* as.comp: [elt for ... if ...] */
    EXPR_SETCOMP, /* as.comp: {elt for ...} */
    EXPR_DICTCOMP, /* as.comp: {elt: value for ...} */
    EXPR_GENEXP,  /* as.comp: (elt for ...), a generator function's body (compile_func.c) */
    EXPR_STARRED, /* as.starred: *value, in a call's arguments, a display or an assignment target */
    EXPR_NAMED,   /* as.named: name := value */
    EXPR_YIELD,   /* as.yield: yield [value] or yield from value (compile_gen.c) */
} ExprKind;

/* The scope of a function, lambda or comprehension, as the symbol analysis (scope.c) decides it. */
typedef struct FuncScope FuncScope;

/* A function's parameters (def and lambda), in the order of their slots (objects/code.h): the npos
 * positional ones (the first nposonly of them before `/`), the nkwonly keyword-only ones, then *args and
 * **kwargs when present. */
typedef struct Param Param;
typedef struct {
    Param *items;
    uint32_t count; /* all of them */
    uint32_t npos, nposonly, nkwonly;
    bool varargs, varkw;
} ParamList;

/* One `for target in iter [if cond]*` clause of a comprehension. */
typedef struct {
    Expr *target, *iter;
    ExprList ifs;
    uint32_t line, col;
} CompFor;

/* Comparison operators: the first six are CompareOp values (opcodes.h); the rest have their own opcodes. */
enum { AST_CMP_IS = 6, AST_CMP_IS_NOT, AST_CMP_IN, AST_CMP_NOT_IN };

/* A keyword argument `name=value`, or `**value` when name is NULL. */
typedef struct {
    const char *name;
    Expr *value;
    uint32_t line, col;
} Keyword;

struct Expr {
    ExprKind kind;
    uint32_t line, col;
    uint32_t depth; /* height of this subtree, at most CPVM_MAX_AST_DEPTH */
    union {
        int64_t int_value;
        double float_value;
        struct {
            const char *chars;
            uint32_t length;
        } str;
        const char *name;
        struct {
            int op;
            Expr *left, *right;
        } binary;
        struct {
            int op;
            Expr *operand;
        } unary;
        ExprList values;
        struct {
            Expr *left;
            uint32_t count;
            int *ops;
            Expr **rights;
        } compare;
        struct {
            Expr *test, *body, *orelse;
        } ifelse;
        struct {
            Expr *func;
            ExprList args;
            Keyword *keywords;
            uint32_t nkeywords;
        } call;
        struct {
            Expr *value;
            const char *name;
        } attr;
        struct {
            Expr *value, *index;
        } subscr;
        struct {
            Expr *lower, *upper, *step;
        } slice;
        struct {
            Expr *value;
        } starred;
        struct {
            const char *name;
            Expr *value;
        } named;
        struct {
            ParamList params;
            Expr *body;
            FuncScope *scope; /* set by scope.c */
        } lambda;
        struct {
            Expr *elt, *value; /* value: a dict comprehension's, else NULL */
            CompFor *fors;     /* at least one */
            uint32_t nfors;
            FuncScope *scope;  /* set by scope.c */
        } comp;
        struct {
            Expr *value;
            uint32_t conversion; /* FORMAT_VALUE's operand: 0 none, 1 !s, 2 !r, 3 !a */
            Expr *spec;     /* an EXPR_JOINED, or NULL */
        } formatted;
        struct {
            Expr *value; /* NULL: a bare yield (of None) */
            bool from;   /* yield from value */
        } yield;
    } as;
};

typedef enum {
    STMT_EXPR,     /* as.expr */
    STMT_ASSIGN,   /* as.assign: t1 = t2 = ... = value */
    STMT_AUGASSIGN,/* as.aug: op is a BinaryOp (the compiler emits its in-place form) */
    STMT_ANNASSIGN,/* as.ann: target: annotation [= value]; the annotation is dropped */
    STMT_IF,       /* as.if_: if/elif branches then else, flat so long elif chains need no recursion */
    STMT_WHILE,    /* as.loop (target NULL) */
    STMT_FOR,      /* as.loop */
    STMT_BREAK,
    STMT_CONTINUE,
    STMT_PASS,
    STMT_RETURN,   /* as.expr, NULL for a bare return */
    STMT_DEF,      /* as.def */
    STMT_GLOBAL,   /* as.names */
    STMT_IMPORT,   /* as.import: import m [as a], ... / from m import n [as a], ... */
    STMT_ASSERT,   /* as.assert_ */
    STMT_DEL,      /* as.expr: a name, subscript, or tuple or list of them */
    STMT_NONLOCAL, /* as.names */
    STMT_TRY,      /* as.try_: try/except/else/finally (compile_try.c) */
    STMT_RAISE,    /* as.raise: raise [exc [from cause]] */
    STMT_WITH,     /* as.with: with item [as target], ...: body (compile_with.c) */
} StmtKind;

struct Param {
    const char *name;
    Expr *default_value; /* NULL when none */
    uint32_t line, col;
};

typedef struct {
    const char *name;   /* module (import) or attribute (from ... import) */
    const char *asname; /* the name bound */
    uint32_t line, col;
} ImportName;

/* One `except [type [as name]]:` clause of a try statement. */
typedef struct {
    Expr *type;       /* NULL: a bare except */
    const char *name; /* NULL: no `as` */
    StmtList body;
    uint32_t line, col;
} ExceptHandler;

struct Stmt {
    StmtKind kind;
    uint32_t line, col;
    union {
        Expr *expr;
        struct {
            ExprList targets;
            Expr *value;
        } assign;
        struct {
            Expr *target;
            int op;
            Expr *value;
        } aug;
        struct {
            Expr *target, *value; /* value NULL: only declares */
        } ann;
        struct {
            uint32_t count; /* branches: if, then each elif */
            Expr **tests;
            StmtList *bodies;
            StmtList orelse;
        } if_;
        struct {
            Expr *target; /* for only */
            Expr *iter;   /* for: the iterable; while: the condition */
            StmtList body, orelse;
        } loop;
        struct {
            const char *name;
            ParamList params;
            StmtList body;
            ExprList decorators; /* outermost first */
            FuncScope *scope;    /* set by scope.c */
        } def;
        struct {
            const char **items;
            uint32_t count;
        } names;
        struct {
            const char *from; /* NULL for `import m` */
            ImportName *names;
            uint32_t count;
        } import;
        struct {
            Expr *test, *msg; /* msg may be NULL */
        } assert_;
        struct {
            StmtList body;
            ExceptHandler *handlers;
            uint32_t nhandlers;
            StmtList orelse, finalbody; /* empty when absent */
            bool has_finally;
        } try_;
        struct {
            Expr *exc, *cause; /* exc NULL: a bare raise; cause NULL: no `from` */
        } raise;
        struct {
            Expr **managers; /* count context manager expressions, in order */
            Expr **targets;  /* the `as` target of each, or NULL */
            uint32_t count;
            StmtList body;
        } with;
    } as;
};

#endif
