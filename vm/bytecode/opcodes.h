/* opcodes.h: the one list of cpvm's instructions.
 *
 * Everything that needs to know about instructions expands this X-macro: the Opcode enum (below), the
 * names used by the assembler and disassembler, the operand kinds the verifier checks, the stack effects
 * the compiler and verifier use to compute depths, the flags the JIT reads, the interpreter's dispatch
 * table and the list of stencils the build generates. The semantics of each instruction live in exactly
 * one place, vm/bytecode/instructions.h.
 *
 * Encoding: an instruction is one opcode byte, followed by a 4-byte little-endian operand when its
 * operand kind is not OPK_NONE. Jump operands are absolute byte offsets inside the function.
 *
 * Columns: X(NAME, OPERAND_KIND, POP_N, POP_K, PUSH_N, PUSH_K, FLAGS)
 *   The instruction pops POP_N*oparg + POP_K values and pushes PUSH_N*oparg + PUSH_K values.
 *   FLAGS is an OR of OPF_* bits.
 * The comment on each line is a stack picture ( before -- after ) and what the operand means.
 *
 * Order matters: the most frequent instructions come first so that their interpreter code sits together
 * (dispatch locality), and a bytecode file stores opcode numbers, so reordering changes the file format
 * (bump CPVM_FORMAT_VERSION in bytecode.h).
 */
#ifndef cpvm_opcodes_h
#define cpvm_opcodes_h

#include <stdbool.h>
#include <stddef.h>

#include "core/operators.h"

#define CPVM_OPCODES(X)                                                                                   \
    X(NOP,                 OPK_NONE,   0, 0, 0, 0, 0)                          /* ( -- ) */                  \
    X(LOAD_FAST,           OPK_LOCAL,  0, 0, 0, 1, OPF_ERROR)                  /* ( -- v ) local[arg]; UnboundLocalError if unset */ \
    X(STORE_FAST,          OPK_LOCAL,  0, 1, 0, 0, 0)                          /* ( v -- ) local[arg] = v */ \
    X(LOAD_CONST,          OPK_CONST,  0, 0, 0, 1, 0)                          /* ( -- c ) constant[arg] */  \
    X(LOAD_GLOBAL,         OPK_NAME,   0, 0, 0, 1, OPF_ERROR)                  /* ( -- v ) global name[arg]; NameError if unset */ \
    X(STORE_GLOBAL,        OPK_NAME,   0, 1, 0, 0, 0)                          /* ( v -- ) global name[arg] = v */ \
    X(POP_TOP,             OPK_NONE,   0, 1, 0, 0, 0)                          /* ( v -- ) */                \
    X(COPY,                OPK_COUNT,  1, 0, 1, 1, 0)                          /* ( x_n .. x_1 -- x_n .. x_1 x_n ) arg >= 1 */ \
    X(SWAP,                OPK_COUNT,  1, 0, 1, 0, 0)                          /* ( x_n .. x_1 -- x_1 .. x_n ) swap top with arg-th, arg >= 2 */ \
    X(BINARY_OP,           OPK_BINOP,  0, 2, 0, 1, OPF_ERROR | OPF_ALLOC)      /* ( a b -- a op b ) arg: BinaryOp */ \
    X(COMPARE_OP,          OPK_CMP,    0, 2, 0, 1, OPF_ERROR)                  /* ( a b -- a cmp b ) arg: CompareOp */ \
    X(POP_JUMP_IF_FALSE,   OPK_JUMP,   0, 1, 0, 0, OPF_BRANCH)                 /* ( c -- ) if not c: pc = arg */ \
    X(POP_JUMP_IF_TRUE,    OPK_JUMP,   0, 1, 0, 0, OPF_BRANCH)                 /* ( c -- ) if c: pc = arg */ \
    X(JUMP_FORWARD,        OPK_JUMP,   0, 0, 0, 0, OPF_BRANCH | OPF_TERMINATOR) /* ( -- ) pc = arg, arg > pc */ \
    X(JUMP_BACKWARD,       OPK_JUMP,   0, 0, 0, 0, OPF_BRANCH | OPF_TERMINATOR | OPF_ERROR) /* ( -- ) pc = arg, arg <= pc; loop back-edge: hotness, interrupts */ \
    X(FOR_ITER,            OPK_JUMP,   0, 1, 0, 2, OPF_BRANCH | OPF_ERROR | OPF_ALLOC) /* ( it -- it next ) or, when exhausted, ( it -- ) and pc = arg */ \
    X(GET_ITER,            OPK_NONE,   0, 1, 0, 1, OPF_ERROR | OPF_ALLOC)      /* ( seq -- iter(seq) ) */    \
    X(CALL,                OPK_COUNT,  1, 1, 0, 1, OPF_CALL | OPF_ERROR | OPF_ALLOC) /* ( f a_1 .. a_n -- f(a_1..a_n) ) arg = n */ \
    X(CALL_KW,             OPK_COUNT,  1, 2, 0, 1, OPF_CALL | OPF_ERROR | OPF_ALLOC) /* ( f a_1 .. a_n names -- result ) names: tuple of the last len(names) args' keywords */ \
    X(LOAD_METHOD,         OPK_NAME,   0, 1, 0, 2, OPF_ERROR)                  /* ( obj -- method obj ) method name[arg] of obj */ \
    X(CALL_METHOD,         OPK_COUNT,  1, 2, 0, 1, OPF_CALL | OPF_ERROR | OPF_ALLOC) /* ( method obj a_1 .. a_n -- result ) */ \
    X(LOAD_ATTR,           OPK_NAME,   0, 1, 0, 1, OPF_ERROR)                  /* ( obj -- obj.name[arg] ) module attributes */ \
    X(RETURN_VALUE,        OPK_NONE,   0, 1, 0, 0, OPF_TERMINATOR)             /* ( v -- ) return v to the caller */ \
    X(BINARY_SUBSCR,       OPK_NONE,   0, 2, 0, 1, OPF_ERROR | OPF_ALLOC)      /* ( c i -- c[i] ) i may be a slice */ \
    X(STORE_SUBSCR,        OPK_NONE,   0, 3, 0, 0, OPF_ERROR)                  /* ( v c i -- ) c[i] = v */   \
    X(BUILD_SLICE,         OPK_COUNT,  1, 0, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( start stop [step] -- slice ) arg = 2 or 3 */ \
    X(BUILD_LIST,          OPK_COUNT,  1, 0, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( a_1 .. a_n -- [a_1, .., a_n] ) */ \
    X(BUILD_TUPLE,         OPK_COUNT,  1, 0, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( a_1 .. a_n -- (a_1, .., a_n) ) */ \
    X(UNPACK_SEQUENCE,     OPK_COUNT,  0, 1, 1, 0, OPF_ERROR)                  /* ( seq -- s_n .. s_1 ) s_1 ends on top */ \
    X(UNARY_NEGATIVE,      OPK_NONE,   0, 1, 0, 1, OPF_ERROR)                  /* ( a -- -a ) */             \
    X(UNARY_POSITIVE,      OPK_NONE,   0, 1, 0, 1, OPF_ERROR)                  /* ( a -- +a ) */             \
    X(UNARY_NOT,           OPK_NONE,   0, 1, 0, 1, 0)                          /* ( a -- not a ) */          \
    X(UNARY_INVERT,        OPK_NONE,   0, 1, 0, 1, OPF_ERROR)                  /* ( a -- ~a ) */             \
    X(IS_OP,               OPK_FLAG,   0, 2, 0, 1, 0)                          /* ( a b -- a is b ) arg 1: is not */ \
    X(CONTAINS_OP,         OPK_FLAG,   0, 2, 0, 1, OPF_ERROR)                  /* ( a b -- a in b ) arg 1: not in */ \
    X(JUMP_IF_FALSE_OR_POP, OPK_JUMP,  0, 1, 0, 1, OPF_BRANCH)                 /* ( c -- c ) and jump if not c, else ( c -- ) */ \
    X(JUMP_IF_TRUE_OR_POP, OPK_JUMP,   0, 1, 0, 1, OPF_BRANCH)                 /* ( c -- c ) and jump if c, else ( c -- ) */ \
    X(MAKE_FUNCTION,       OPK_FLAG,   1, 1, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( [defaults] code -- function ) arg 1: a defaults tuple is below */ \
    X(RAISE_ASSERT,        OPK_NONE,   0, 1, 0, 0, OPF_ERROR | OPF_TERMINATOR) /* ( msg -- ) raise AssertionError(msg); msg None: no message */ \
    X(BUILD_MAP,           OPK_COUNT,  2, 0, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( k_1 v_1 .. k_n v_n -- {k_1: v_1, ..} ) arg = n pairs */ \
    X(BUILD_SET,           OPK_COUNT,  1, 0, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( a_1 .. a_n -- {a_1, .., a_n} ) */ \
    X(BUILD_CONST_SET,     OPK_COUNT,  1, 0, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( a_1 .. a_n -- {a_1, .., a_n} ) a display of constants: CPython's order */ \
    X(DELETE_FAST,         OPK_LOCAL,  0, 0, 0, 0, OPF_ERROR)                  /* ( -- ) del local[arg]; UnboundLocalError if unset */ \
    X(DELETE_GLOBAL,       OPK_NAME,   0, 0, 0, 0, OPF_ERROR)                  /* ( -- ) del global name[arg]; NameError if unset */ \
    X(DELETE_SUBSCR,       OPK_NONE,   0, 2, 0, 0, OPF_ERROR | OPF_ALLOC)      /* ( c i -- ) del c[i]: c's store_subscript with VAL_UNDEF */ \
    X(FORMAT_VALUE,        OPK_COUNT,  0, 1, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( v -- format(conv(v)) ) arg: conversion 0 none, 1 !s, 2 !r, 3 !a */ \
    X(FORMAT_WITH_SPEC,    OPK_COUNT,  0, 2, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( v spec -- format(conv(v), spec) ) arg: conversion, as FORMAT_VALUE */ \
    X(BUILD_STRING,        OPK_COUNT,  1, 0, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( s1 .. sn -- s1 + .. + sn ) arg: n strs, an f-string's parts */ \
    /* Closures and comprehensions (objects/cell.h). A cell variable's slot holds a cell; the free ones sit \
     * in the last slots, filled from the function's closure by COPY_FREE_VARS. */                         \
    X(MAKE_CELL,           OPK_LOCAL,  0, 0, 0, 0, OPF_ALLOC | OPF_ERROR)      /* ( -- ) local[arg] = a cell holding local[arg] (unbound: empty) */ \
    X(LOAD_DEREF,          OPK_LOCAL,  0, 0, 0, 1, OPF_ERROR)                  /* ( -- v ) the value in cell local[arg]; NameError/UnboundLocalError if empty */ \
    X(STORE_DEREF,         OPK_LOCAL,  0, 1, 0, 0, OPF_ERROR)                  /* ( v -- ) store v in cell local[arg] */ \
    X(DELETE_DEREF,        OPK_LOCAL,  0, 0, 0, 0, OPF_ERROR)                  /* ( -- ) empty cell local[arg]; error if already empty */ \
    X(LOAD_CLOSURE,        OPK_LOCAL,  0, 0, 0, 1, OPF_ERROR)                  /* ( -- cell ) the cell in local[arg] itself */ \
    X(COPY_FREE_VARS,      OPK_COUNT,  0, 0, 0, 0, OPF_ERROR)                  /* ( -- ) last arg locals = the running function's closure cells */ \
    X(MAKE_CLOSURE,        OPK_FLAG,   1, 2, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( [defaults] cells code -- function ) cells: a tuple; arg 1: defaults below */ \
    X(LIST_APPEND,         OPK_COUNT,  1, 1, 1, 0, OPF_ALLOC | OPF_ERROR)      /* ( list x_arg-1 .. x_1 v -- list x_arg-1 .. x_1 ) list.append(v), arg >= 1 */ \
    X(SET_ADD,             OPK_COUNT,  1, 1, 1, 0, OPF_ALLOC | OPF_ERROR)      /* ( set x_arg-1 .. x_1 v -- set x_arg-1 .. x_1 ) set.add(v), arg >= 1 */ \
    X(MAP_ADD,             OPK_COUNT,  1, 2, 1, 0, OPF_ALLOC | OPF_ERROR)      /* ( dict x_arg-1 .. x_1 k v -- dict x_arg-1 .. x_1 ) dict[k] = v, arg >= 1 */ \
    /* Calling conventions and unpacking: f(*a, **k), def f(*, k=1), [*a], {**d}, a, *b = x. */                \
    X(SET_KWDEFAULTS,      OPK_NONE,   0, 2, 0, 1, OPF_ERROR)                  /* ( kwdefaults function -- function ) keyword-only defaults, a dict */ \
    X(CALL_FUNCTION_EX,    OPK_FLAG,   1, 2, 0, 1, OPF_CALL | OPF_ERROR | OPF_ALLOC) /* ( f args [kwargs] -- result ) args: a tuple; arg 1: a kwargs dict on top */ \
    X(LIST_EXTEND,         OPK_COUNT,  1, 1, 1, 0, OPF_ALLOC | OPF_ERROR)      /* ( list x_arg-1 .. x_1 it -- list x_arg-1 .. x_1 ) list.extend(it), arg >= 1 */ \
    X(SET_UPDATE,          OPK_COUNT,  1, 1, 1, 0, OPF_ALLOC | OPF_ERROR)      /* ( set x_arg-1 .. x_1 it -- set x_arg-1 .. x_1 ) set.update(it), arg >= 1 */ \
    X(DICT_UPDATE,         OPK_COUNT,  1, 1, 1, 0, OPF_ALLOC | OPF_ERROR)      /* ( dict x_arg-1 .. x_1 m -- dict x_arg-1 .. x_1 ) {**m}: dict.update(m), arg >= 1 */ \
    X(DICT_MERGE,          OPK_COUNT,  1, 3, 1, 2, OPF_ALLOC | OPF_ERROR)      /* ( f args dict x_arg-1 .. x_1 m -- f args dict x_arg-1 .. ) f(**m): a repeated key is an error, arg >= 1 */ \
    X(LIST_TO_TUPLE,       OPK_NONE,   0, 1, 0, 1, OPF_ALLOC | OPF_ERROR)      /* ( list -- tuple(list) ) */ \
    X(UNPACK_EX,           OPK_COUNT,  0, 1, 0, 0, OPF_ALLOC | OPF_ERROR)      /* ( seq -- s_n .. list .. s_1 ) a, *b, c = seq; arg = before | after << 8; pushes before + after + 1 */ \
    /* Exceptions (CPython 3.11's scheme): a handler from the code's exception table is entered with the  \
     * stack cut to the entry's depth and the exception pushed. */                                         \
    X(PUSH_EXC_INFO,       OPK_NONE,   0, 1, 0, 2, 0)                          /* ( exc -- prev exc ) exc becomes the exception being handled */ \
    X(POP_EXCEPT,          OPK_NONE,   0, 1, 0, 0, 0)                          /* ( prev -- ) the exception being handled is prev again */ \
    X(CHECK_EXC_MATCH,     OPK_NONE,   0, 2, 0, 2, OPF_ERROR)                  /* ( exc type -- exc isinstance(exc, type) ) type: a class or a tuple of them */ \
    X(RERAISE,             OPK_NONE,   0, 1, 0, 0, OPF_ERROR | OPF_TERMINATOR) /* ( exc -- ) raise exc again: no new traceback line */ \
    X(RAISE_VARARGS,       OPK_COUNT,  1, 0, 0, 0, OPF_ERROR | OPF_ALLOC | OPF_TERMINATOR) /* ( [exc [cause]] -- ) arg 0: re-raise the handled one; 1: raise exc; 2: raise exc from cause */ \
    /* Generators (only in a generator's code, CODE_GENERATOR): the frame leaves at a yield and is        \
     * entered again at the next instruction (interp/generators.c). */                                      \
    X(YIELD_VALUE,         OPK_FLAG,   0, 1, 0, 1, OPF_ERROR)                  /* ( v -- sent ) yield v; resumed with the value sent (None for next()); arg 1: inside yield from, the delegate is below */ \
    X(SEND,                OPK_JUMP,   0, 2, 0, 2, OPF_BRANCH | OPF_ERROR | OPF_ALLOC | OPF_CALL) /* ( it v -- it r ) it yielded r; or, when it returned r, ( it v -- r ) and pc = arg */ \
    /* with statements (compiler/compile_try.c has the whole layout). */                                   \
    X(BEFORE_WITH,         OPK_NONE,   0, 1, 0, 2, OPF_ERROR | OPF_ALLOC | OPF_CALL) /* ( m -- exit m.__enter__() ) exit: m's __exit__, bound */ \
    X(WITH_EXCEPT_START,   OPK_NONE,   0, 3, 0, 4, OPF_ERROR | OPF_ALLOC | OPF_CALL) /* ( exit prev exc -- exit prev exc exit(type(exc), exc, None) ) */

/* What an operand means; the verifier checks each against its range. */
typedef enum {
    OPK_NONE,  /* no operand bytes */
    OPK_LOCAL, /* index into the function's locals, < nlocals */
    OPK_CONST, /* index into the function's constants */
    OPK_NAME,  /* index into the function's names */
    OPK_JUMP,  /* absolute byte offset of an instruction in the same function */
    OPK_COUNT, /* a small count (argument count, element count); at most CPVM_MAX_COUNT */
    OPK_BINOP, /* a BinaryOp */
    OPK_CMP,   /* a CompareOp */
    OPK_FLAG,  /* 0 or 1 */
} OperandKind;

/* Flags: facts about an instruction that the verifier, compiler and JIT ask the table for. */
enum {
    OPF_BRANCH = 1 << 0,     /* may transfer control to its jump operand */
    OPF_TERMINATOR = 1 << 1, /* never falls through to the next instruction */
    OPF_ERROR = 1 << 2,      /* may raise an error */
    OPF_ALLOC = 1 << 3,      /* may allocate (and so may run the GC) */
    OPF_CALL = 1 << 4,       /* calls a function */
};

typedef enum {
#define CPVM_OP_ENUM(name, kind, pn, pk, un, uk, flags) OP_##name,
    CPVM_OPCODES(CPVM_OP_ENUM)
#undef CPVM_OP_ENUM
    OP_COUNT_ /* number of opcodes */
} Opcode;

/* The largest OPK_COUNT operand; bounds argument lists and literal sizes so the verifier's stack
 * arithmetic cannot overflow. */
#define CPVM_MAX_COUNT 65535

/* Table lookups, defined in opcodes.c. */
typedef struct {
    const char *name;
    OperandKind kind;
    unsigned char pop_n, pop_k, push_n, push_k;
    unsigned char flags;
} OpcodeInfo;

extern const OpcodeInfo opcode_info[OP_COUNT_];

/* Size in bytes of an instruction with opcode [op]: 1, or 5 with an operand. */
static inline int opcode_size(int op) { return opcode_info[op].kind == OPK_NONE ? 1 : 5; }
static inline bool opcode_has_flag(int op, int flag) { return (opcode_info[op].flags & flag) != 0; }
/* Values an instruction pops and pushes, given its operand. */
static inline long opcode_pops(int op, unsigned long arg) { return (long)(opcode_info[op].pop_n * arg + opcode_info[op].pop_k); }
static inline long opcode_pushes(int op, unsigned long arg) {
    if (op == OP_UNPACK_EX) return (long)((arg & 0xFF) + (arg >> 8) + 1); /* two counts in one operand */
    return (long)(opcode_info[op].push_n * arg + opcode_info[op].push_k);
}
/* Opcode number for [name], or -1. */
int opcode_lookup(const char *name, size_t length);

#endif
