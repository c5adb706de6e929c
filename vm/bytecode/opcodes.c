/* opcodes.c: the tables that opcodes.h's X-macros expand into. */
#include <string.h>

#include "objects/object.h"
#include "core/common.h"
#include "bytecode/opcodes.h"

const OpcodeInfo opcode_info[OP_COUNT_] = {
#define CPVM_OP_INFO(name, kind, pn, pk, un, uk, flags) [OP_##name] = {#name, kind, pn, pk, un, uk, flags},
    CPVM_OPCODES(CPVM_OP_INFO)
#undef CPVM_OP_INFO
};

int opcode_lookup(const char *name, size_t length) {
    for (int op = 0; op < OP_COUNT_; op++) {
        if (strlen(opcode_info[op].name) == length && memcmp(opcode_info[op].name, name, length) == 0) return op;
    }
    return -1;
}
