/* jit_inspect.c: `cpvm stencils`, the holes of `cpvm explain`, and stack depths: the stencils seen from inside.
 *
 * Everything here shows what vm/jit/jit.c does by doing it again. This is the one file besides jit.c that
 * includes the generated jit_stencils.h, but with patch functions (the macros below) that write nothing
 * and record each hole instead: where it is, how it is written, its value, and the C expression of that
 * value as tools/jit/writer.py spelled it ("patches[HV_DATA] - 0x4", "(uintptr_t)&rt_call"). explain
 * learns from jit.c where each instruction landed and with which patch values (jit_compile_observed);
 * this file records that and describes every hole, and jit_explain.c prints it. jit_disasm.c makes the
 * listings; jit_inspect_internal.h declares what the three share.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/jit_inspect_internal.h"
#include "bytecode/opcodes.h"
#include "core/vm.h"
#include "objects/object.h"
#include "bytecode/walk.h"
#include "ops/runtime.h"

/* --- Recording holes -------------------------------------------------------------------------------- */

const char *const inspect_part_names[PART_COUNT_] = {"code", "cold", "data"};

const PatchKindName inspect_patch_kinds[] = {
    [PATCH_64] = {"patch_64", "R_X86_64_64"},
    [PATCH_32] = {"patch_32", "R_X86_64_32"},
    [PATCH_32S] = {"patch_32s", "R_X86_64_32S"},
    [PATCH_32R] = {"patch_32r", "R_X86_64_PC32/PLT32"},
    [PATCH_32RX] = {"patch_x86_64_32rx", "R_X86_64_GOTPCRELX"},
};

/* A scratch copy of one stencil and the holes its emit function filled. */
typedef struct {
    uintptr_t patches[64];        /* first member: the emit functions' [patches] argument points here */
    unsigned char *parts[PART_COUNT_];
    size_t sizes[PART_COUNT_];
    Hole *holes;
    uint32_t count, capacity;
    bool failed;                  /* out of memory */
} Probe;

/* The patch functions' stand-in. The emit functions pass only (location, value), but every one of them
 * has the [patches] argument in scope, and it points at the first member of a Probe: that is how the
 * record finds its way to the probe without any global state. (Unused in a build without stencils.) */
__attribute__((unused)) static void probe_hole(const uintptr_t *patches, unsigned char *location, uint64_t value,
                                               PatchKind kind, const char *expression) {
    Probe *probe = (Probe *)(uintptr_t)patches;
    if (probe->count == probe->capacity) {
        uint32_t capacity = probe->capacity ? probe->capacity * 2 : 16;
        Hole *holes = realloc(probe->holes, capacity * sizeof *holes);
        if (holes == NULL) {
            probe->failed = true;
            return;
        }
        probe->holes = holes;
        probe->capacity = capacity;
    }
    for (int part = 0; part < PART_COUNT_; part++) {
        uintptr_t start = (uintptr_t)probe->parts[part], at = (uintptr_t)location;
        if (at >= start && at < start + probe->sizes[part]) {
            probe->holes[probe->count++] = (Hole){(Part)part, (uint32_t)(at - start), kind, value, expression};
            return;
        }
    }
}

#define patch_64(location, value) probe_hole(patches, location, value, PATCH_64, #value)
#define patch_32(location, value) probe_hole(patches, location, value, PATCH_32, #value)
#define patch_32s(location, value) probe_hole(patches, location, value, PATCH_32S, #value)
#define patch_32r(location, value) probe_hole(patches, location, value, PATCH_32R, #value)
#define patch_x86_64_32rx(location, value) probe_hole(patches, location, value, PATCH_32RX, #value)

#include "jit_stencils.h"

#if CPVM_HAVE_STENCILS && defined(__x86_64__) && defined(__linux__)

_Static_assert(HV_COUNT_ <= 64, "Probe.patches is too small for jit_stencils.h's HoleValue");

/* What a hole is patched with, and what that means, for `cpvm stencils`. */
static const char *const hole_value_meanings[HV_COUNT_] = {
    [HV_CODE] = "this stencil's own code",
    [HV_DATA] = "this stencil's data",
    [HV_CONTINUE] = "the next instruction's code",
    [HV_JUMP_TARGET] = "the code of the instruction at the jump operand",
    [HV_COLD] = "this stencil's cold code (placed after all the hot code)",
    [HV_OPARG] = "the instruction's operand",
    [HV_PC_AFTER] = "the byte offset past the instruction (frame->pc on an error)",
    [HV_LOCAL_OFFSET] = "the byte offset of local OPARG in the frame (OPARG * 16)",
    [HV_CONST_TYPE] = "the type tag of constant OPARG",
    [HV_CONST_BITS] = "the payload of constant OPARG",
    [HV_NAME] = "the ObjString * of name OPARG",
    [HV_GLOBAL] = "the address of the global slot of name OPARG",
    [HV_ZERO] = "zero",
};

static void probe_fini(Probe *probe) {
    for (int part = 0; part < PART_COUNT_; part++) free(probe->parts[part]);
    free(probe->holes);
}

/* Runs stencil [stencil]'s emit function into fresh buffers with [patches] (NULL: all zero): afterwards the
 * buffers hold the unpatched bytes and probe->holes every hole, in the order the emit function fills them. */
static bool probe_run(Probe *probe, uint32_t stencil, const uintptr_t *patches) {
    memset(probe, 0, sizeof *probe);
    const StencilGroup *group = &stencil_groups[stencil];
    size_t sizes[PART_COUNT_] = {group->code_size, group->cold_size, group->data_size};
    for (int part = 0; part < PART_COUNT_; part++) {
        probe->sizes[part] = sizes[part];
        probe->parts[part] = calloc(sizes[part] ? sizes[part] : 1, 1);
        if (probe->parts[part] == NULL) probe->failed = true;
    }
    if (patches != NULL) memcpy(probe->patches, patches, HV_COUNT_ * sizeof *patches);
    if (!probe->failed) group->emit(probe->parts[PART_CODE], probe->parts[PART_COLD], probe->parts[PART_DATA], probe->patches);
    if (probe->failed) probe_fini(probe);
    return !probe->failed;
}

Expression inspect_parse_expression(const char *text) {
    Expression e = {-1, "", 0};
    const char *p = text;
    if (strncmp(p, "(uintptr_t)&", 12) == 0) {
        p += 12;
        size_t n = strcspn(p, " ");
        snprintf(e.symbol, sizeof e.symbol, "%.*s", (int)n, p);
        p += n;
    } else if (strncmp(p, "patches[HV_", 11) == 0) {
        p += 11;
        size_t n = strcspn(p, "]");
        for (int v = 0; v < HV_COUNT_; v++) {
            if (strlen(hole_value_names[v]) == n && strncmp(hole_value_names[v], p, n) == 0) e.value = v;
        }
        if (e.value < 0) snprintf(e.symbol, sizeof e.symbol, "HV_%.*s", (int)n, p);
        p += n + (p[n] == ']');
    }
    if (p[0] == ' ' && (p[1] == '+' || p[1] == '-') && p[2] == ' ') {
        int64_t magnitude = (int64_t)strtoull(p + 3, NULL, 0);
        e.addend = p[1] == '-' ? -magnitude : magnitude;
    }
    return e;
}

/* A sequence stencil's step k has its own copy of each per-instruction value at HV_X + k * HV_PER_STEP. */
static int hole_base(int value) { return value < HV_PER_STEP * STENCIL_MAX_STEPS ? value % HV_PER_STEP : value; }
static int hole_step(int value) { return value < HV_PER_STEP * STENCIL_MAX_STEPS ? value / HV_PER_STEP : 0; }

const char *inspect_expression_name(const Expression *e) {
    return e->value >= 0 ? hole_value_names[e->value] : e->symbol;
}

/* The pc of step [step] of the stencil that starts at instruction [pc]. */
static uint32_t step_pc(const ObjCode *code, uint32_t pc, int step) {
    for (; step > 0; step--) pc = bytecode_decode(code->code, code->code_length, pc).next;
    return pc;
}

/* --- Which stencil is which ------------------------------------------------------------------------- */

typedef struct {
    int op;
    int64_t oparg; /* the operand a specialised stencil is fixed at, or -1 for a generic one */
} StencilKey;

static StencilKey stencil_key(uint32_t stencil) {
    StencilKey key = {-1, -1};
    for (int op = 0; op < OP_COUNT_; op++) {
        if (stencil_generic[op] == stencil) key = (StencilKey){op, -1};
        if (stencil >= stencil_first[op] && stencil < (uint32_t)stencil_first[op] + stencil_variants[op]) {
            return (StencilKey){op, (int64_t)(stencil - stencil_first[op])};
        }
    }
    return key;
}

static void describe_operand(FILE *out, StencilKey key) {
    if (key.op < 0) return;
    if (key.oparg < 0) {
        fprintf(out, "%s, any operand", opcode_info[key.op].name);
        return;
    }
    fprintf(out, "%s with operand %" PRId64, opcode_info[key.op].name, key.oparg);
    switch (opcode_info[key.op].kind) {
    case OPK_BINOP: fprintf(out, " (%s)", binary_op_symbols[key.oparg]); break;
    case OPK_CMP: fprintf(out, " (%s)", compare_op_symbols[key.oparg]); break;
    case OPK_LOCAL: fprintf(out, " (local %" PRId64 ")", key.oparg); break;
    default: break;
    }
}

/* --- cpvm stencils ---------------------------------------------------------------------------------- */

/* The meaning of a hole in a stencil that is not yet anywhere (no values), e.g.
 * "call through GOT slot data+0x0, which holds &rt_binary_op". */
static void describe_static_hole(FILE *out, const Probe *probe, const Hole *hole) {
    Expression e = inspect_parse_expression(hole->expression);
    if (e.value < 0) {
        fprintf(out, "the address of %s", e.symbol);
    } else if (hole->kind == PATCH_32RX) {
        int64_t slot = e.addend + 4; /* the displacement ends the instruction: -4 */
        const char *target = "?";
        for (uint32_t i = 0; i < probe->count; i++) {
            const Hole *h = &probe->holes[i];
            if (h->part == PART_DATA && (int64_t)h->offset == slot) target = h->expression;
        }
        Expression t = inspect_parse_expression(target);
        fprintf(out, "GOT slot data+0x%" PRIx64 ", which holds &%s (relaxed to a direct reference when near)",
                (uint64_t)slot, inspect_expression_name(&t));
    } else if (hole->kind == PATCH_32R) {
        fprintf(out, "%s, +0x%" PRIx64, hole_value_meanings[hole_base(e.value)], (uint64_t)(e.addend + 4));
    } else {
        fputs(hole_value_meanings[hole_base(e.value)], out);
    }
    if (e.value >= 0 && hole_step(e.value) > 0) fprintf(out, " (instruction %d of the sequence)", hole_step(e.value) + 1);
}

static void print_stencil(FILE *out, uint32_t stencil) {
    const StencilGroup *group = &stencil_groups[stencil];
    Probe probe;
    if (!probe_run(&probe, stencil, NULL)) return;
    fprintf(out, "%s: ", group->name);
    if (group->steps > 1) fprintf(out, "a sequence of %u instructions (a superinstruction)", group->steps);
    else describe_operand(out, stencil_key(stencil));
    fprintf(out, "; %u bytes of code, %u of cold code, %u of data\n", group->code_size, group->cold_size,
            group->data_size);
    if (probe.count > 0) fprintf(out, "  holes (offset, patch function, relocation, value, meaning):\n");
    for (int part = 0; part < PART_COUNT_; part++) {
        for (uint32_t i = 0; i < probe.count; i++) {
            const Hole *hole = &probe.holes[i];
            if (hole->part != (Part)part) continue;
            char where[32];
            snprintf(where, sizeof where, "%s+0x%x", inspect_part_names[part], hole->offset);
            Expression e = inspect_parse_expression(hole->expression);
            char value[96];
            snprintf(value, sizeof value, "%s%s", e.value >= 0 ? "" : "&", inspect_expression_name(&e));
            if (e.addend) {
                size_t n = strlen(value);
                snprintf(value + n, sizeof value - n, " %c 0x%" PRIx64, e.addend < 0 ? '-' : '+',
                         (uint64_t)(e.addend < 0 ? -e.addend : e.addend));
            }
            fprintf(out, "    %-10s %-18s %-20s %-22s ", where, inspect_patch_kinds[hole->kind].function,
                    inspect_patch_kinds[hole->kind].relocation, value);
            describe_static_hole(out, &probe, hole);
            fputc('\n', out);
        }
    }
    static const char *const titles[PART_COUNT_] = {"  code:\n", "  cold code (error exits):\n", NULL};
    for (int part = 0; part < PART_DATA; part++) {
        if (probe.sizes[part] == 0) continue;
        fputs(titles[part], out);
        inspect_print_listing(out, probe.parts[part], probe.sizes[part], 0, 0, "    ");
    }
    if (probe.sizes[PART_DATA]) {
        fputs("  data: ", out);
        inspect_write_hex(out, probe.parts[PART_DATA], probe.sizes[PART_DATA]);
        fputc('\n', out);
    }
    fputc('\n', out);
    probe_fini(&probe);
}

static void print_shim(FILE *out) {
    fprintf(out, "shim: the entry shim (stencils/shim.c): C calling convention in, stencil convention out; "
                 "%zu bytes of code\n  code:\n", sizeof shim_code);
    inspect_print_listing(out, shim_code, sizeof shim_code, 0, 0, "    ");
    fputc('\n', out);
}

/* Marks in [selected] the stencils [name] stands for: a stencil's name, or an opcode (all its stencils). */
static bool select_stencils(const char *name, bool *selected, bool *shim) {
    bool found = false;
    if (strcmp(name, "shim") == 0) return *shim = true;
    for (uint32_t s = 0; s < STENCIL_COUNT_; s++) {
        StencilKey key = stencil_key(s);
        if (strcmp(stencil_groups[s].name, name) == 0 || (key.op >= 0 && strcmp(opcode_info[key.op].name, name) == 0)) {
            selected[s] = found = true;
        }
    }
    return found;
}

bool jit_inspect_stencils(FILE *out, int count, char **names, char *error, size_t error_size) {
    bool selected[STENCIL_COUNT_] = {false};
    bool shim = count == 0;
    for (int i = 0; i < count; i++) {
        if (!select_stencils(names[i], selected, &shim)) {
            snprintf(error, error_size, "no stencil or opcode named '%s'", names[i]);
            return false;
        }
    }
    fprintf(out, "; %d stencils; disassembly: %s; offsets are bytes from the start of each part\n\n",
            STENCIL_COUNT_, inspect_disassembler);
    for (uint32_t s = 0; s < STENCIL_COUNT_; s++) {
        if (count == 0 || selected[s]) print_stencil(out, s);
    }
    if (shim) print_shim(out);
    return true;
}

/* --- cpvm explain: recording a compilation ---------------------------------------------------------- */

void inspect_record_emitted(void *context, const JitEmitted *emitted) {
    EmitLog *log = context;
    if (log->failed) return;
    if (log->count == log->capacity) {
        uint32_t capacity = log->capacity ? log->capacity * 2 : 64;
        Emitted *items = realloc(log->items, capacity * sizeof *items);
        if (items == NULL) {
            log->failed = true;
            return;
        }
        log->items = items;
        log->capacity = capacity;
    }
    Probe probe;
    if (!probe_run(&probe, emitted->stencil, emitted->patches)) {
        log->failed = true;
        return;
    }
    log->items[log->count++] = (Emitted){
        emitted->pc, emitted->steps, emitted->stencil, stencil_groups[emitted->stencil].name,
        {emitted->code, emitted->cold, emitted->data},
        {(uint32_t)probe.sizes[PART_CODE], (uint32_t)probe.sizes[PART_COLD], (uint32_t)probe.sizes[PART_DATA]},
        probe.holes, probe.count};
    probe.holes = NULL;
    probe_fini(&probe);
}

/* --- cpvm explain: describing what was patched ------------------------------------------------------ */

/* The instruction whose hot code starts at [address], or NULL. */
static const Emitted *instruction_at(const Explain *x, uint64_t address) {
    for (uint32_t i = 0; i < x->log->count; i++) {
        if ((uint64_t)(uintptr_t)x->log->items[i].at[PART_CODE] == address && x->log->items[i].size[PART_CODE] > 0) {
            return &x->log->items[i];
        }
    }
    for (uint32_t i = 0; i < x->log->count; i++) {
        if ((uint64_t)(uintptr_t)x->log->items[i].at[PART_CODE] == address) return &x->log->items[i];
    }
    return NULL;
}

/* The runtime helper at [address], by the names the stencils' own holes give ("(uintptr_t)&rt_call"). */
static const char *symbol_at(const Explain *x, uint64_t address) {
    for (uint32_t i = 0; i < x->log->count; i++) {
        const Emitted *e = &x->log->items[i];
        for (uint32_t h = 0; h < e->nholes; h++) {
            if (e->holes[h].value == address && strncmp(e->holes[h].expression, "(uintptr_t)&", 12) == 0) {
                return e->holes[h].expression + 12;
            }
        }
    }
    return NULL;
}

void inspect_describe_target(const Explain *x, uint64_t address, char *buffer, size_t size) {
    const Emitted *target = instruction_at(x, address);
    const char *symbol;
    if (target != NULL) {
        snprintf(buffer, size, "pc %u", target->pc);
        return;
    }
    for (uint32_t i = 0; i < x->log->count; i++) {
        const Emitted *e = &x->log->items[i];
        uint64_t cold = (uint64_t)(uintptr_t)e->at[PART_COLD];
        if (e->size[PART_COLD] && address >= cold && address < cold + e->size[PART_COLD]) {
            if (address == cold) snprintf(buffer, size, "cold code of pc %u", e->pc);
            else snprintf(buffer, size, "cold code of pc %u, +0x%" PRIx64, e->pc, address - cold);
            return;
        }
    }
    if ((symbol = symbol_at(x, address)) != NULL) {
        snprintf(buffer, size, "%s", symbol);
        return;
    }
    buffer[0] = '\0';
}

/* A hole of instruction [e] with the value patched in: "OPARG = 3", "TARGET = pc 41 at +0x1a0",
 * "CALL rt_binary_op at 0x55d0c1a2b3c0 (relaxed to a direct call)". */
static void describe_hole_value(const Explain *x, const Emitted *e, const Hole *hole, char *buffer, size_t size) {
    Expression ex = inspect_parse_expression(hole->expression);
    unsigned char *location = e->at[hole->part] + hole->offset;
    uint64_t v = hole->value;
    /* In a sequence stencil, a per-instruction hole belongs to the instruction of its step. */
    uint32_t pc = step_pc(x->code, e->pc, ex.value >= 0 ? hole_step(ex.value) : 0);
    uint32_t oparg = bytecode_decode(x->code->code, x->code->code_length, pc).oparg;
    /* A relative hole's value is minus 4: the displacement is the instruction's last 4 bytes. */
    uint64_t aim = hole->kind == PATCH_32R || hole->kind == PATCH_32RX ? v + 4 : v;
    char where[96];
    inspect_describe_target(x, aim, where, sizeof where);
    switch (ex.value < 0 ? -1 : hole_base(ex.value)) {
    case -1:
        snprintf(buffer, size, "&%s = 0x%" PRIx64 "%s", ex.symbol, v, hole->part == PART_DATA ? " (a GOT slot)" : "");
        return;
    case HV_OPARG: snprintf(buffer, size, "OPARG = %" PRIu64, v); return;
    case HV_PC_AFTER: snprintf(buffer, size, "PC_AFTER = %" PRIu64 " (frame->pc if it raises)", v); return;
    case HV_LOCAL_OFFSET:
        snprintf(buffer, size, "LOCAL_OFFSET%s = 0x%" PRIx64 " (local '%s')", ex.addend == 8 ? " + 8" : "", v,
                 x->code->local_names[oparg]->chars);
        return;
    case HV_CONST_TYPE:
        snprintf(buffer, size, "CONST_TYPE = %" PRIu64 " (%s, constant %u)", v, value_type_name(x->code->consts[oparg]),
                 oparg);
        return;
    case HV_CONST_BITS: {
        Value c = x->code->consts[oparg];
        if (IS_INT(c)) snprintf(buffer, size, "CONST_BITS = 0x%" PRIx64 " (%" PRId64 ")", v, AS_INT(c));
        else if (IS_FLOAT(c)) snprintf(buffer, size, "CONST_BITS = 0x%" PRIx64 " (%.17g)", v, AS_FLOAT(c));
        else snprintf(buffer, size, "CONST_BITS = 0x%" PRIx64 " (the %s's payload)", v, value_type_name(c));
        return;
    }
    case HV_NAME: snprintf(buffer, size, "NAME = 0x%" PRIx64 " (str '%s')", v, x->code->names[oparg]->chars); return;
    case HV_GLOBAL:
        if (ex.addend == 8) {
            snprintf(buffer, size, "GLOBAL + 8 = 0x%" PRIx64 " (the payload word of global '%s')", v,
                     x->code->names[oparg]->chars);
        } else {
            snprintf(buffer, size, "GLOBAL = 0x%" PRIx64 " (the slot of global '%s')", v, x->code->names[oparg]->chars);
        }
        return;
    case HV_CONTINUE: snprintf(buffer, size, "CONTINUE = %s at +0x%" PRIx64, where, inspect_offset_in(x, aim)); return;
    case HV_JUMP_TARGET: snprintf(buffer, size, "TARGET = %s at +0x%" PRIx64, where, inspect_offset_in(x, aim)); return;
    case HV_COLD: snprintf(buffer, size, "COLD = %s at +0x%" PRIx64, where, inspect_offset_in(x, aim)); return;
    case HV_DATA:
        if (hole->kind == PATCH_32RX) {
            /* A GOT reference: read the slot, then what the relaxation made of the instruction. */
            uint64_t slot = v + 4, target;
            memcpy(&target, (const void *)(uintptr_t)slot, sizeof target);
            const char *name = symbol_at(x, target);
            const char *what = location[-2] == 0x67 || (location[-2] == 0xff && location[-1] == 0x15) ? "CALL"
                               : location[-1] == 0xe9 || location[-1] == 0x25                        ? "JUMP"
                                                                                                    : "ADDRESS OF";
            bool relaxed = location[-2] != 0xff && location[-2] != 0x8b;
            const char *how = !relaxed ? "through its GOT slot: too far for a direct one"
                              : what[0] == 'C' ? "relaxed from call *slot(%rip) to a direct call"
                              : what[0] == 'J' ? "relaxed from jmp *slot(%rip) to a direct jump"
                                               : "relaxed from a load of the slot to a lea";
            snprintf(buffer, size, "%s %s at 0x%" PRIx64 " (%s)", what, name ? name : "?", target, how);
            return;
        }
        snprintf(buffer, size, "DATA = this instruction's data +0x%" PRIx64 " at +0x%" PRIx64,
                 aim - (uint64_t)(uintptr_t)e->at[PART_DATA], inspect_offset_in(x, aim));
        return;
    case HV_CODE: snprintf(buffer, size, "CODE = %s at +0x%" PRIx64, where, inspect_offset_in(x, aim)); return;
    default: snprintf(buffer, size, "%s = 0x%" PRIx64, inspect_expression_name(&ex), v); return;
    }
}

/* describe_hole_value, naming the instruction for the holes of a sequence stencil's later steps:
 * "OPARG = 1 (of pc 25)". */
void inspect_describe_hole(const Explain *x, const Emitted *e, const Hole *hole, char *buffer, size_t size) {
    describe_hole_value(x, e, hole, buffer, size);
    Expression ex = inspect_parse_expression(hole->expression);
    if (ex.value < 0 || hole_step(ex.value) == 0) return;
    uint32_t pc = step_pc(x->code, e->pc, hole_step(ex.value));
    size_t used = strlen(buffer);
    snprintf(buffer + used, size > used ? size - used : 0, " (of pc %u)", pc);
}

/* --- Stack depths, for gdb's unwind rules (jit_debug.c) --------------------------------------------- */

uint32_t jit_inspect_stencil_count(void) { return STENCIL_COUNT_; }

#if CPVM_HAVE_CAPSTONE
/* What is known at one instruction: the depth, and where pushed callee-saved registers are. */
typedef struct {
    int64_t depth; /* -1: not reached yet */
    int32_t saved[JIT_SAVED_COUNT_];
} StackState;

static const char *const saved_names[JIT_SAVED_COUNT_] = {"%rbx", "%rbp", "%r12", "%r13", "%r14", "%r15"};

static int saved_register(const char *operand) {
    for (int r = 0; r < JIT_SAVED_COUNT_; r++) {
        if (strcmp(operand, saved_names[r]) == 0) return r;
    }
    return -1;
}

/* The state after the instruction [text] (AT&T, from Capstone): pushes, pops and stack-pointer
 * adjustments change the depth; pushes and pops of callee-saved registers save and restore them. */
static StackState step_over(const char *text, StackState state) {
    const char *operands = strchr(text, ' ');
    operands = operands ? operands + 1 : "";
    const char *last = strstr(operands, ", %rsp");
    bool to_rsp = last != NULL && strcmp(last, ", %rsp") == 0;
    if (strncmp(text, "push", 4) == 0) {
        state.depth += 8;
        int r = saved_register(operands);
        if (r >= 0 && state.saved[r] < 0) state.saved[r] = (int32_t)state.depth;
    } else if (strncmp(text, "pop", 3) == 0) {
        int r = saved_register(operands);
        if (r >= 0 && state.saved[r] == (int32_t)state.depth) state.saved[r] = -1;
        state.depth -= 8;
    } else if (to_rsp && strncmp(text, "sub", 3) == 0 && operands[0] == '$') {
        state.depth += (int64_t)strtoll(operands + 1, NULL, 0);
    } else if (to_rsp && strncmp(text, "add", 3) == 0 && operands[0] == '$') {
        state.depth -= (int64_t)strtoll(operands + 1, NULL, 0);
    } else if (to_rsp && strncmp(text, "lea", 3) == 0 && strstr(operands, "(%rsp), %rsp") != NULL) {
        state.depth -= (int64_t)strtoll(operands, NULL, 0);
    }
    if (state.depth < 0) state.depth = 0;
    return state;
}

static bool ends_flow(const char *text) {
    return strncmp(text, "jmp", 3) == 0 || strncmp(text, "ret", 3) == 0 || strncmp(text, "ud2", 3) == 0;
}

/* The state before each line, following fall-through and direct branches from the known entry states
 * until nothing changes: stencils are short, a few passes settle. */
static void propagate(const Listing *listing, StackState *state) {
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < listing->count; i++) {
            if (state[i].depth < 0) continue;
            const Line *line = &listing->lines[i];
            StackState after = step_over(line->text, state[i]);
            for (size_t j = 0; line->target != 0 && j < listing->count; j++) {
                if (listing->lines[j].address == line->target && state[j].depth < 0) state[j] = after, changed = true;
            }
            if (!ends_flow(line->text) && i + 1 < listing->count && state[i + 1].depth < 0) {
                state[i + 1] = after;
                changed = true;
            }
        }
    }
}

/* Decodes at address 0x1000 so that a direct branch to offset 0 still has a non-zero target. */
#define STEP_BASE 0x1000

static StackState unknown_state(void) {
    StackState state = {-1, {0}};
    for (int r = 0; r < JIT_SAVED_COUNT_; r++) state.saved[r] = -1;
    return state;
}

static size_t steps_from(const Listing *listing, const StackState *state, JitStackStep *steps, size_t max) {
    size_t n = 0;
    StackState current = unknown_state();
    for (size_t i = 0; i < listing->count; i++) {
        if (state[i].depth < 0) continue;
        if (state[i].depth == current.depth && memcmp(state[i].saved, current.saved, sizeof current.saved) == 0) continue;
        current = state[i];
        if (n < max) {
            steps[n].offset = (uint32_t)(listing->lines[i].address - STEP_BASE);
            steps[n].depth = (uint32_t)current.depth;
            memcpy(steps[n].saved, current.saved, sizeof current.saved);
        }
        n++;
    }
    return n;
}

/* The entry states of the cold code: the hot code's jumps to it, holes COLD + target - 4. */
static void cold_entries(const Probe *probe, const Listing *hot, const StackState *state, const Listing *cold,
                         StackState *cold_state) {
    for (uint32_t h = 0; h < probe->count; h++) {
        const Hole *hole = &probe->holes[h];
        Expression e = inspect_parse_expression(hole->expression);
        if (hole->part != PART_CODE || e.value != HV_COLD) continue;
        for (size_t i = 0; i < hot->count; i++) {
            uint64_t start = hot->lines[i].address - STEP_BASE;
            if (hole->offset < start || hole->offset >= start + hot->lines[i].size || state[i].depth < 0) continue;
            for (size_t j = 0; j < cold->count; j++) {
                if ((int64_t)(cold->lines[j].address - STEP_BASE) == e.addend + 4) cold_state[j] = state[i];
            }
        }
    }
}

size_t jit_inspect_stack_steps(uint32_t stencil, bool cold, JitStackStep *steps, size_t max) {
    Probe probe;
    Listing hot = {NULL, 0}, cool = {NULL, 0};
    StackState *state = NULL, *cold_state = NULL;
    size_t n = 0;
    bool have_probe = stencil < STENCIL_COUNT_ && probe_run(&probe, stencil, NULL);
    const unsigned char *bytes = have_probe ? probe.parts[PART_CODE] : shim_code;
    size_t size = have_probe ? probe.sizes[PART_CODE] : sizeof shim_code;
    if ((stencil < STENCIL_COUNT_ && !have_probe) || !inspect_disassemble(bytes, size, STEP_BASE, &hot)) goto done;
    state = malloc((hot.count + 1) * sizeof *state);
    if (state == NULL) goto done;
    for (size_t i = 0; i < hot.count; i++) state[i] = unknown_state();
    if (hot.count > 0) state[0].depth = 0;
    propagate(&hot, state);
    if (!cold) {
        n = steps_from(&hot, state, steps, max);
        goto done;
    }
    if (!have_probe || !inspect_disassemble(probe.parts[PART_COLD], probe.sizes[PART_COLD], STEP_BASE, &cool))
        goto done;
    cold_state = malloc((cool.count + 1) * sizeof *cold_state);
    if (cold_state == NULL) goto done;
    for (size_t i = 0; i < cool.count; i++) cold_state[i] = unknown_state();
    cold_entries(&probe, &hot, state, &cool, cold_state);
    propagate(&cool, cold_state);
    n = steps_from(&cool, cold_state, steps, max);
done:
    if (n == 0 && max > 0) {
        steps[0] = (JitStackStep){0, 0, {-1, -1, -1, -1, -1, -1}};
    }
    free(state);
    free(cold_state);
    free(hot.lines);
    free(cool.lines);
    if (have_probe) probe_fini(&probe);
    return n ? n : 1;
}
#else
size_t jit_inspect_stack_steps(uint32_t stencil, bool cold, JitStackStep *steps, size_t max) {
    (void)stencil, (void)cold;
    if (max > 0) steps[0] = (JitStackStep){0, 0, {-1, -1, -1, -1, -1, -1}};
    return 1;
}
#endif

#else /* no stencils: nothing to show */

bool jit_inspect_stencils(FILE *out, int count, char **names, char *error, size_t error_size) {
    (void)out, (void)count, (void)names;
    snprintf(error, error_size, "%s", INSPECT_NO_STENCILS);
    return false;
}

uint32_t jit_inspect_stencil_count(void) { return 0; }

size_t jit_inspect_stack_steps(uint32_t stencil, bool cold, JitStackStep *steps, size_t max) {
    (void)stencil, (void)cold;
    if (max > 0) steps[0] = (JitStackStep){0, 0, {-1, -1, -1, -1, -1, -1}};
    return 1;
}

/* jit_explain.c refers to these, but stops before it calls them: jit_available() is false. */
Expression inspect_parse_expression(const char *text) {
    (void)text;
    return (Expression){-1, "", 0};
}
const char *inspect_expression_name(const Expression *e) { return e->symbol; }
void inspect_record_emitted(void *context, const JitEmitted *emitted) {
    (void)emitted;
    ((EmitLog *)context)->failed = true;
}
void inspect_describe_target(const Explain *x, uint64_t address, char *buffer, size_t size) {
    (void)x, (void)address;
    if (size > 0) buffer[0] = '\0';
}
void inspect_describe_hole(const Explain *x, const Emitted *e, const Hole *hole, char *buffer, size_t size) {
    (void)x, (void)e, (void)hole;
    if (size > 0) buffer[0] = '\0';
}

#endif

void inspect_emit_log_fini(EmitLog *log) {
    for (uint32_t i = 0; i < log->count; i++) free(log->items[i].holes);
    free(log->items);
}
