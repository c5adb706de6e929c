/* verify.c: proves a loaded ObjCode cannot touch memory outside the VM.
 *
 * Called by bytecode.c after reading a file and by asm.c/compiler.c on what they build; interp.c and jit.c
 * trust its result. Linear passes: decode and range-check every operand; check every jump target
 * (reachable or not: the JIT compiles all code) and the exception table; then one worklist walk of the
 * control-flow graph (an instruction that may raise inside a try range also leads to its handler) that
 * gives each instruction its single entry depth. Each instruction is queued at most once: linear time.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "bytecode/opcodes.h"
#include "bytecode/verify.h"
#include "bytecode/walk.h"

/* The state of one verification: the function, where to report, and the scratch arrays of the passes. */
typedef struct {
    const ObjCode *code;
    char *error;
    size_t error_size;
    uint8_t *is_start; /* code_length flags: an instruction begins at this offset */
    uint32_t *depth;   /* code_length entries: stack depth + 1 on entry to the instruction; 0 = not reached */
    uint32_t *work;    /* offsets of reached instructions whose successors are not yet visited */
    uint32_t work_count;
    bool compute;      /* true: find the deepest stack (no max_stack limit); false: check against max_stack */
    bool is_module;    /* the program's first function, the module body: vm_run calls it with no arguments */
    int64_t max_seen;  /* deepest stack reached so far */
} Verifier;

/* --- Reporting ---------------------------------------------------------------------------------------- */

/* Writes "WHAT (function F, offset N)" and returns false, so checks can `return fail(...)`. */
static bool fail(Verifier *v, uint32_t offset, const char *format, ...) __attribute__((format(printf, 3, 4)));
static bool fail(Verifier *v, uint32_t offset, const char *format, ...) {
    char what[256];
    va_list args;
    va_start(args, format);
    vsnprintf(what, sizeof what, format, args);
    va_end(args);
    const ObjCode *code = v->code;
    if (code->name != NULL) {
        snprintf(v->error, v->error_size, "%s (function %s, offset %u)", what, code->name->chars, offset);
    } else {
        snprintf(v->error, v->error_size, "%s (function %u, offset %u)", what, code->index, offset);
    }
    return false;
}

/* --- Pass 1: decoding and operand ranges -------------------------------------------------------------- */

/* The rules for OPK_COUNT operands beyond the common limit: each comes from what the instruction body
 * assumes (SWAP with 1 would be a no-op, and PEEK(0) would read above the stack for COPY 0). */
static bool check_count(Verifier *v, uint32_t offset, int op, uint32_t arg) {
    if (arg > CPVM_MAX_COUNT) return fail(v, offset, "count %u exceeds the limit %u", arg, CPVM_MAX_COUNT);
    switch (op) {
    case OP_COPY:
        if (arg < 1) return fail(v, offset, "COPY count must be at least 1");
        break;
    case OP_LIST_APPEND: case OP_SET_ADD: case OP_MAP_ADD: case OP_LIST_EXTEND: case OP_SET_UPDATE:
    case OP_DICT_UPDATE: case OP_DICT_MERGE:
        if (arg < 1) return fail(v, offset, "%s depth must be at least 1", opcode_info[op].name);
        break;
    case OP_COPY_FREE_VARS:
        if (arg > v->code->nlocals) return fail(v, offset, "COPY_FREE_VARS count %u exceeds the %u locals", arg, v->code->nlocals);
        break;
    case OP_SWAP:
        if (arg < 2) return fail(v, offset, "SWAP count must be at least 2");
        break;
    case OP_BUILD_SLICE:
        if (arg != 2 && arg != 3) return fail(v, offset, "BUILD_SLICE count must be 2 or 3, not %u", arg);
        break;
    case OP_UNPACK_SEQUENCE:
        if (arg < 1) return fail(v, offset, "UNPACK_SEQUENCE count must be at least 1");
        break;
    case OP_RAISE_VARARGS:
        if (arg > 2) return fail(v, offset, "RAISE_VARARGS count must be 0 to 2, not %u", arg);
        break;
    case OP_FORMAT_VALUE: case OP_FORMAT_WITH_SPEC:
        if (arg > 3) return fail(v, offset, "%s conversion must be 0 to 3, not %u", opcode_info[op].name, arg);
        break;
    default: break;
    }
    return true;
}

/* Checks the operand [arg] of the instruction [op] at [offset] against its kind's range. Jumps are
 * checked in pass 2, once every instruction boundary is known. */
static bool check_operand(Verifier *v, uint32_t offset, int op, uint32_t arg) {
    const ObjCode *code = v->code;
    switch (opcode_info[op].kind) {
    case OPK_NONE:
    case OPK_JUMP: return true;
    case OPK_LOCAL:
        if (arg >= code->nlocals)
            return fail(v, offset, "local index %u out of range (nlocals %u)", arg, code->nlocals);
        return true;
    case OPK_CONST:
        if (arg >= code->nconsts)
            return fail(v, offset, "constant index %u out of range (nconsts %u)", arg, code->nconsts);
        return true;
    case OPK_NAME:
        if (arg >= code->nnames) return fail(v, offset, "name index %u out of range (nnames %u)", arg, code->nnames);
        return true;
    case OPK_COUNT: return check_count(v, offset, op, arg);
    case OPK_BINOP:
        if (arg >= NB_COUNT_) return fail(v, offset, "binary operator %u out of range", arg);
        return true;
    case OPK_CMP:
        if (arg >= CMP_COUNT_) return fail(v, offset, "comparison operator %u out of range", arg);
        return true;
    case OPK_FLAG:
        if (arg > 1) return fail(v, offset, "%s flag must be 0 or 1, not %u", opcode_info[op].name, arg);
        return true;
    }
    return fail(v, offset, "bad operand kind"); /* unreachable: the table uses only the kinds above */
}

/* Walks the code once, marking instruction boundaries and checking opcodes and non-jump operands. The
 * walker reads nothing past the code (walk.h), and an operand is used only once it is known to be whole. */
static bool decode(Verifier *v) {
    const ObjCode *code = v->code;
    for (BytecodeStep s = {0}; bytecode_next(code->code, code->code_length, &s);) {
        if (s.op >= OP_COUNT_) return fail(v, s.pc, "unknown opcode %d", s.op);
        if (s.next > code->code_length)
            return fail(v, s.pc, "operand of %s cut off by the end of the code", opcode_info[s.op].name);
        v->is_start[s.pc] = 1;
        if (opcode_info[s.op].kind != OPK_NONE && !check_operand(v, s.pc, s.op, s.oparg)) return false;
        /* Only a generator's frame can be left at a yield and resumed (interp/generators.c). */
        if ((s.op == OP_YIELD_VALUE || s.op == OP_SEND) && !(code->flags & CODE_GENERATOR))
            return fail(v, s.pc, "%s outside a generator function", opcode_info[s.op].name);
    }
    return true;
}

/* --- Pass 2: jump targets ----------------------------------------------------------------------------- */

static bool check_jumps(Verifier *v) {
    const ObjCode *code = v->code;
    for (BytecodeStep s = {0}; bytecode_next(code->code, code->code_length, &s);) {
        int op = s.op;
        uint32_t offset = s.pc, target = s.oparg;
        if (opcode_info[op].kind != OPK_JUMP) continue;
        if (target >= code->code_length)
            return fail(v, offset, "jump target %u past the end of the code (length %u)", target, code->code_length);
        if (!v->is_start[target]) return fail(v, offset, "jump target %u is not an instruction boundary", target);
        /* Every loop must pass a JUMP_BACKWARD: that is where both tiers check for Ctrl-C and --timeout
         * and where the interpreter counts back-edges for tiering. So JUMP_BACKWARD is the only
         * instruction that may jump back; any other jump must go forward, or a crafted file could loop
         * in a way nothing can stop. */
        if (op == OP_JUMP_BACKWARD && target > offset)
            return fail(v, offset, "JUMP_BACKWARD target %u is after the jump", target);
        if (op != OP_JUMP_BACKWARD && target <= offset)
            return fail(v, offset, "%s target %u is not after the jump",
                        opcode_info[op].name, target);
    }
    return true;
}

/* --- Pass 2b: the exception table ----------------------------------------------------------------------
 * What the error path (ops/exceptions.c) trusts: each range covers whole instructions, each handler is an
 * instruction after its range (so a handler can never loop back without a JUMP_BACKWARD, where loops are
 * interrupted), and entries are sorted and disjoint, so code_find_handler's binary search finds the one
 * entry of an instruction. The depths are checked against the stack analysis in pass 3. */

static bool check_exception_table(Verifier *v) {
    const ObjCode *code = v->code;
    uint32_t previous_end = 0;
    for (uint32_t i = 0; i < code->nexc; i++) {
        const ExcEntry *e = &code->exc_table[i];
        uint32_t at = e->start < code->code_length ? e->start : 0;
        if (e->start >= e->end) return fail(v, at, "exception table entry %u has an empty range %u-%u", i, e->start, e->end);
        if (e->end > code->code_length)
            return fail(v, at, "exception table entry %u ends at %u, past the end of the code (length %u)", i, e->end,
                        code->code_length);
        if (!v->is_start[e->start] || (e->end < code->code_length && !v->is_start[e->end]))
            return fail(v, at, "exception table entry %u range %u-%u is not on instruction boundaries", i, e->start, e->end);
        if (e->start < previous_end)
            return fail(v, at, "exception table entry %u overlaps or precedes entry %u", i, i - 1);
        if (e->target >= code->code_length || !v->is_start[e->target])
            return fail(v, at, "exception table entry %u handler %u is not an instruction", i, e->target);
        if (e->target < e->end)
            return fail(v, at, "exception table entry %u handler %u is not after its range %u-%u", i, e->target, e->start, e->end);
        if (e->depth > CPVM_STACK_VALUES) return fail(v, at, "exception table entry %u depth %u exceeds the VM stack", i, e->depth);
        previous_end = e->end;
    }
    return true;
}

/* --- Pass 3: stack depths over the control-flow graph ------------------------------------------------- */

/* Records that the instruction at [target] is entered with [depth] values on the stack, coming from the
 * instruction at [from]; queues it the first time. */
static bool reach(Verifier *v, uint32_t from, uint32_t target, int64_t depth) {
    if (v->depth[target] == 0) {
        v->depth[target] = (uint32_t)depth + 1;
        v->work[v->work_count++] = target;
        return true;
    }
    int64_t known = (int64_t)v->depth[target] - 1;
    if (known != depth)
        return fail(v, from, "stack depth mismatch at merge: offset %u is reached with depth %lld and %lld", target,
                    (long long)known, (long long)depth);
    return true;
}

/* Checks that [depth] values fit: within max_stack when verifying, within the VM stack when computing. */
static bool check_depth(Verifier *v, uint32_t offset, int64_t depth) {
    if (depth > v->max_seen) v->max_seen = depth;
    if (!v->compute && depth > (int64_t)v->code->max_stack)
        return fail(v, offset, "stack depth %lld exceeds max_stack %u", (long long)depth, v->code->max_stack);
    /* A frame deeper than the whole VM stack could never run; the bound also keeps depths in 32 bits. */
    if (depth > (int64_t)CPVM_STACK_VALUES)
        return fail(v, offset, "stack depth %lld exceeds the VM stack", (long long)depth);
    return true;
}

/* Applies the instruction at [offset] to the depth it is entered with and passes the result along each
 * edge leaving it. */
static bool step(Verifier *v, uint32_t offset) {
    const ObjCode *code = v->code;
    /* Pass 1 proved every instruction whole, so this one is decoded without the walker's checks (which
     * cost a tenth of the verifier's time here, where it jumps from instruction to instruction). */
    int op = code->code[offset];
    uint32_t size = (uint32_t)opcode_size(op);
    uint32_t arg = size > 1 ? bytecode_oparg(&code->code[offset]) : 0;
    int64_t depth = (int64_t)v->depth[offset] - 1;
    int64_t pops = opcode_pops(op, arg);
    if (depth < pops)
        return fail(v, offset, "stack underflow: %s pops %lld but the stack holds %lld", opcode_info[op].name,
                    (long long)pops, (long long)depth);
    /* An instruction that may raise inside a try range also leads to its handler, entered with the
     * stack cut to the entry's depth (which must be there) and the exception pushed. */
    const ExcEntry *handler = opcode_has_flag(op, OPF_ERROR) ? code_find_handler(code, offset) : NULL;
    if (handler != NULL) {
        if ((int64_t)handler->depth > depth)
            return fail(v, offset, "exception handler depth %u exceeds the stack depth %lld here", handler->depth,
                        (long long)depth);
        if (!check_depth(v, handler->target, (int64_t)handler->depth + 1) ||
            !reach(v, offset, handler->target, (int64_t)handler->depth + 1))
            return false;
    }
    int64_t after = depth - pops + opcode_pushes(op, arg);
    int64_t jump_depth = after;
    /* Two branches leave different depths on their two edges (see the table's stack pictures). */
    if (op == OP_FOR_ITER) jump_depth = depth - 1; /* exhausted: the iterator is popped */
    if (op == OP_SEND) jump_depth = depth - 1;     /* the delegate returned: its value replaces it */
    if (op == OP_JUMP_IF_FALSE_OR_POP || op == OP_JUMP_IF_TRUE_OR_POP) {
        jump_depth = depth; /* the jump keeps the value */
        after = depth - 1;  /* falling through pops it */
    }
    if (!check_depth(v, offset, after > jump_depth ? after : jump_depth)) return false;
    if (opcode_has_flag(op, OPF_BRANCH) && !reach(v, offset, arg, jump_depth))
        return false;
    if (opcode_has_flag(op, OPF_TERMINATOR)) return true;
    if (offset + size >= code->code_length) return fail(v, offset, "execution can fall off the end");
    return reach(v, offset, offset + size, after);
}

static bool check_stack(Verifier *v) {
    v->depth[0] = 1; /* a frame starts with an empty operand stack */
    v->work[v->work_count++] = 0;
    v->max_seen = 0;
    while (v->work_count > 0) {
        if (!step(v, v->work[--v->work_count])) return false;
    }
    return true;
}

/* --- Entry points ------------------------------------------------------------------------------------- */

/* Limits on the function's shape that the passes and the interpreter rely on. */
static bool check_header(Verifier *v) {
    const ObjCode *code = v->code;
    if (code->code_length == 0) return fail(v, 0, "empty code");
    if (code->code_length > CPVM_MAX_CODE_BYTES)
        return fail(v, 0, "code length %u exceeds the limit %u", code->code_length, CPVM_MAX_CODE_BYTES);
    if (code->nlocals > CPVM_MAX_LOCALS)
        return fail(v, 0, "nlocals %u exceeds the limit %u", code->nlocals, CPVM_MAX_LOCALS);
    if (code->nparams > code->nlocals)
        return fail(v, 0, "nparams %u exceeds nlocals %u", code->nparams, code->nlocals);
    if (code->ndefaults > code->nparams)
        return fail(v, 0, "ndefaults %u exceeds nparams %u", code->ndefaults, code->nparams);
    if (code->nposonly > code->nparams)
        return fail(v, 0, "nposonly %u exceeds nparams %u", code->nposonly, code->nparams);
    if (code->flags & ~(uint32_t)CODE_FLAGS_ALL) return fail(v, 0, "unknown function flags 0x%x", code->flags);
    /* vm_run runs the module body as a plain frame: it cannot be resumed. */
    if (v->is_module && (code->flags & CODE_GENERATOR)) return fail(v, 0, "the module body cannot be a generator");
    if ((code->flags & CODE_DOCSTRING) && (code->nconsts == 0 || !IS_STRING(code->consts[0])))
        return fail(v, 0, "the docstring flag is set but constant 0 is not a str");
    /* The call paths fill nparam_slots locals from the arguments: they must all be locals. */
    uint64_t slots = (uint64_t)code->nparams + code->nkwonly + ((code->flags & CODE_VARARGS) != 0) +
                     ((code->flags & CODE_VARKW) != 0);
    if (slots > code->nlocals)
        return fail(v, 0, "the parameters need %llu locals, more than nlocals %u", (unsigned long long)slots, code->nlocals);
    if (v->is_module && (code->nkwonly != 0 || code->flags != 0))
        return fail(v, 0, "the module body takes no parameters (nkwonly %u, flags 0x%x)", code->nkwonly, code->flags);
    /* Nothing passes the module body arguments or gives it defaults: a parameter would be read from a
     * defaults tuple that does not exist. */
    if (v->is_module && code->nparams != 0)
        return fail(v, 0, "the module body takes no parameters (nparams %u)", code->nparams);
    if (!v->compute && code->max_stack > CPVM_STACK_VALUES)
        return fail(v, 0, "max_stack %u exceeds the VM stack", code->max_stack);
    return true;
}

static bool run(const Program *program, const ObjCode *code, bool compute, uint32_t *max_stack, char *error,
                size_t error_size) {
    bool is_module = program != NULL && program->count > 0 && program->codes[0] == code;
    Verifier v = {.code = code, .error = error, .error_size = error_size, .compute = compute, .is_module = is_module};
    if (!check_header(&v)) return false;
    size_t n = code->code_length;
    v.is_start = calloc(n, 1);
    v.depth = calloc(n, sizeof(uint32_t));
    v.work = malloc(n * sizeof(uint32_t)); /* at most one entry per instruction, so n is enough */
    bool ok;
    if (v.is_start == NULL || v.depth == NULL || v.work == NULL) {
        ok = fail(&v, 0, "out of memory while verifying");
    } else {
        ok = decode(&v) && check_jumps(&v) && check_exception_table(&v) && check_stack(&v);
    }
    free(v.is_start);
    free(v.depth);
    free(v.work);
    if (ok && max_stack != NULL) *max_stack = (uint32_t)v.max_seen;
    return ok;
}

bool verify_code(const Program *program, const ObjCode *code, char *error, size_t error_size) {
    return run(program, code, false, NULL, error, error_size);
}

bool verify_compute_max_stack(const Program *program, const ObjCode *code, uint32_t *max_stack, char *error,
                              size_t error_size) {
    return run(program, code, true, max_stack, error, error_size);
}

bool verify_program(const Program *program, char *error, size_t error_size) {
    for (uint32_t i = 0; i < program->count; i++) {
        if (program->codes[i] == NULL) {
            snprintf(error, error_size, "missing code object (function %u, offset 0)", i);
            return false;
        }
        if (!verify_code(program, program->codes[i], error, error_size)) return false;
    }
    return true;
}
