/* operators.h: Python's binary and comparison operators, numbered as BINARY_OP and COMPARE_OP's operands
 * (bytecode/opcodes.h) and as the objects' compare slot receives them (core/object.h).
 */
#ifndef cpvm_operators_h
#define cpvm_operators_h

/* Operators of BINARY_OP, in CPython's order. The INPLACE forms (`+=`) differ only for lists, which
 * `+=` extends in place; numbers behave the same either way. */
#define CPVM_BINARY_OPS(X)                                                                                \
    X(ADD, "+") X(AND, "&") X(FLOOR_DIVIDE, "//") X(LSHIFT, "<<") X(MULTIPLY, "*") X(REMAINDER, "%")      \
    X(OR, "|") X(POWER, "**") X(RSHIFT, ">>") X(SUBTRACT, "-") X(TRUE_DIVIDE, "/") X(XOR, "^")

typedef enum {
#define CPVM_BINOP_ENUM(name, sym) NB_##name,
#define CPVM_BINOP_INPLACE_ENUM(name, sym) NB_INPLACE_##name,
    CPVM_BINARY_OPS(CPVM_BINOP_ENUM)
    CPVM_BINARY_OPS(CPVM_BINOP_INPLACE_ENUM) /* NB_INPLACE_x == NB_x + NB_INPLACE_ADD */
#undef CPVM_BINOP_ENUM
#undef CPVM_BINOP_INPLACE_ENUM
    NB_COUNT_
} BinaryOp;

#define CPVM_COMPARE_OPS(X) X(LT, "<") X(LE, "<=") X(EQ, "==") X(NE, "!=") X(GT, ">") X(GE, ">=")

typedef enum {
#define CPVM_CMP_ENUM(name, sym) CMP_##name,
    CPVM_COMPARE_OPS(CPVM_CMP_ENUM)
#undef CPVM_CMP_ENUM
    CMP_COUNT_
} CompareOp;

/* How errors print each operator: "+", "+=", "<=" (core/operators.c). */
extern const char *const binary_op_symbols[NB_COUNT_];
extern const char *const compare_op_symbols[CMP_COUNT_];

#endif
