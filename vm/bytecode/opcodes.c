/* opcodes.c: the tables that opcodes.h's X-macros expand into. */
#include <string.h>

#include "core/common.h"
#include "bytecode/opcodes.h"

const OpcodeInfo opcode_info[OP_COUNT_] = {
#define CPVM_OP_INFO(name, kind, pn, pk, un, uk, flags) [OP_##name] = {#name, kind, pn, pk, un, uk, flags},
    CPVM_OPCODES(CPVM_OP_INFO)
#undef CPVM_OP_INFO
};

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

int opcode_lookup(const char *name, size_t length) {
    for (int op = 0; op < OP_COUNT_; op++) {
        if (strlen(opcode_info[op].name) == length && memcmp(opcode_info[op].name, name, length) == 0) return op;
    }
    return -1;
}
