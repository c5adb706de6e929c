/* operators.c: the symbols of the operators, for error messages and the disassembler. */
#include "core/operators.h"

const char *const binary_op_symbols[NB_COUNT_] = {
#define CPVM_BINOP_SYMBOL(name, sym) [NB_##name] = sym, [NB_##name + NB_INPLACE_ADD] = sym "=",
    CPVM_BINARY_OPS(CPVM_BINOP_SYMBOL)
#undef CPVM_BINOP_SYMBOL
};

const char *const compare_op_symbols[CMP_COUNT_] = {
#define CPVM_CMP_SYMBOL(name, sym) [CMP_##name] = sym,
    CPVM_COMPARE_OPS(CPVM_CMP_SYMBOL)
#undef CPVM_CMP_SYMBOL
};

