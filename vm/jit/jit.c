/* jit.c: the copy-and-patch JIT's run-time half: compile a function by copying and patching stencils.
 *
 * The stencils come from jit_stencils.h, which tools/build_stencils.py generates from stencils/template.c:
 * one piece of machine code per opcode (per operand value for BINARY_OP, COMPARE_OP and the flag opcodes),
 * with holes for everything only known at run time. interp.c and calls.c decide when to compile (tiering)
 * and call jit_execute; jit_memory.c provides W^X memory; jit_patch.h writes the holes.
 * Compiled code keeps the interpreter's frame layout exactly, so either tier can run any frame and both
 * leave through the same error path (frame->pc set, return false).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jit/jit.h"
#include "jit/jit_debug.h"
#include "jit/jit_memory.h"
#include "jit/jit_patch.h"
#include "bytecode/opcodes.h"
#include "core/vm.h"
#include "objects/object.h"
#include "bytecode/walk.h"
#include "ops/runtime.h"

#include "jit_stencils.h"

#if CPVM_HAVE_STENCILS && defined(__x86_64__) && defined(__linux__)
#define JIT_SUPPORTED 1
#else
#define JIT_SUPPORTED 0
#endif

/* A JitCode.entries slot that is not the start of a stencil (inside an instruction, or inside a
 * sequence stencil). While pass 1 runs, JUMP_TARGET marks the instructions jumps lead to. */
#define NO_ENTRY UINT32_MAX
#define JUMP_TARGET (UINT32_MAX - 1)

/* The C signature of the entry shim (stencils/shim.c): enters the stencil at [entry]. */
typedef int Shim(Vm *vm, Frame *frame, Value *sp, const void *entry);

struct JitState {
    JitArena arena;
    Shim *shim;            /* in the arena: copied there by jit_init */
    unsigned char *shim_block;
    /* --stats */
    uint64_t functions;    /* functions compiled */
    uint64_t instructions; /* bytecode instructions compiled */
    uint64_t stencils;     /* stencils they were compiled to (sequence stencils cover several) */
    uint64_t code_bytes;   /* machine code emitted (hot and cold), all functions ever compiled */
    uint64_t data_bytes;   /* read-only data and GOT slots emitted */
    uint64_t gap_bytes;    /* alignment inside blocks: between code and data, between stencils' data */
    uint64_t compile_ns;   /* time in jit_compile */
    uint64_t osr_entries;  /* entries into a frame that had been running in the interpreter */
};

bool jit_available(void) { return JIT_SUPPORTED; }

#if JIT_SUPPORTED

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static size_t align_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

/* --- Compiling ------------------------------------------------------------------------------------ */

/* The stencil for instruction [op] with operand [oparg]: an operand-specialised one when there is one for
 * that value (every value of a BinaryOp, CompareOp or flag, small local indices), else the generic one. */
static const StencilGroup *stencil_for(int op, uint32_t oparg) {
    if (oparg < stencil_variants[op]) return &stencil_groups[stencil_first[op] + oparg];
    return &stencil_groups[stencil_generic[op]];
}

/* The operand of the instruction at [pc], 0 when it has none. jit.c reads only verified code, in which
 * every instruction is whole, so it decodes with bytecode_oparg and steps with opcode_size rather than
 * through walk.h's walker, whose bounds checks cost 5% of jit_compile (counted with callgrind). */
static uint32_t operand_at(const ObjCode *code, uint32_t pc) {
    return opcode_info[code->code[pc]].kind == OPK_NONE ? 0 : bytecode_oparg(code->code + pc);
}

/* Does the instruction at [pc] match trie node [node]? */
static bool node_matches(const SequenceNode *node, const ObjCode *code, uint32_t pc) {
    if (code->code[pc] != node->opcode) return false;
    switch (node->match) {
    case SEQ_OPARG: return bytecode_oparg(code->code + pc) == node->oparg;
    case SEQ_CONST_INT: return IS_INT(code->consts[bytecode_oparg(code->code + pc)]);
    case SEQ_CONST_FLOAT: return IS_FLOAT(code->consts[bytecode_oparg(code->code + pc)]);
    default: return true;
    }
}

/* The first child of [node] that matches the instruction at [pc], or NULL. Children are few (at most a
 * few dozen) and ordered most specific first. */
static const SequenceNode *matching_child(const SequenceNode *node, const ObjCode *code, uint32_t pc) {
    for (uint32_t i = node->first_child; i < (uint32_t)node->first_child + node->child_count; i++) {
        if (node_matches(&sequence_nodes[i], code, pc)) return &sequence_nodes[i];
    }
    return NULL;
}

/* The stencil for the instructions from [pc] on: the longest sequence stencil that matches them, provided
 * no instruction after the first is a jump target (a jump must land on a stencil's start), else the
 * instruction's own stencil. Sets *next_pc to the instruction after the ones it covers. */
static uint16_t choose_stencil(const ObjCode *code, const uint32_t *entries, uint32_t pc, uint32_t *next_pc) {
    int op = code->code[pc];
    uint16_t best = (uint16_t)(stencil_for(op, operand_at(code, pc)) - stencil_groups);
    uint32_t after = pc + (uint32_t)opcode_size(op);
    *next_pc = after;
    /* The roots for [op] sit together, most specific first (LOAD_CONST of an int before any LOAD_CONST);
     * each one that matches may lead to a different sequence, so all are tried. */
    const SequenceNode *root = &sequence_nodes[0];
    for (uint32_t i = sequence_roots[op]; i != 0 && i < (uint32_t)root->first_child + root->child_count; i++) {
        const SequenceNode *node = &sequence_nodes[i];
        if (node->opcode != op) break;
        if (!node_matches(node, code, pc)) continue;
        /* Follow the instructions after [pc] down the trie, remembering the deepest node that ends a sequence. */
        uint32_t at = after;
        while (at < code->code_length && entries[at] != JUMP_TARGET) {
            node = matching_child(node, code, at);
            if (node == NULL) break;
            at += (uint32_t)opcode_size(code->code[at]);
            if (node->stencil != NO_STENCIL && at > *next_pc) {
                best = node->stencil;
                *next_pc = at;
            }
        }
    }
    return best;
}

/* What pass 1 finds out about a function. */
typedef struct {
    size_t code_size;     /* bytes of hot code, all stencils end to end */
    size_t cold_size;     /* bytes of cold code (error exits), placed after the hot code */
    size_t data_size;     /* bytes of data, each stencil's aligned as it asks */
    size_t data_bytes;    /* of which the stencils' own data (the rest is alignment) */
    uint32_t instructions;
    uint32_t stencils;    /* stencils used: fewer than instructions when sequences matched */
} Layout;

/* Marks every instruction a jump leads to, and every exception handler (rt_jit_handle_error enters
 * compiled code there), in [entries]; returns false when the last instruction could run off the end
 * (its CONTINUE would point at the data). */
static bool mark_jump_targets(const ObjCode *code, uint32_t *entries) {
    for (uint32_t i = 0; i < code->nexc; i++) entries[code->exc_table[i].target] = JUMP_TARGET;
    int op = OP_NOP;
    for (uint32_t pc = 0; pc < code->code_length; pc += (uint32_t)opcode_size(op)) {
        op = code->code[pc];
        if (opcode_info[op].kind == OPK_JUMP) entries[bytecode_oparg(code->code + pc)] = JUMP_TARGET;
        /* A generator is resumed after its yield (interp/generators.c), so that is an entry too. The
         * verifier saw to it that an instruction follows. */
        if (op == OP_YIELD_VALUE && pc + 5 < code->code_length) entries[pc + 5] = JUMP_TARGET;
    }
    return code->code_length > 0 && opcode_has_flag(op, OPF_TERMINATOR);
}

/* Pass 1: which stencil covers which instructions ([chosen], at each stencil's first pc), where each
 * stencil's code goes ([entries]), and how much code and data the function needs. */
static bool lay_out(const ObjCode *code, uint32_t *entries, uint16_t *chosen, Layout *layout) {
    memset(layout, 0, sizeof *layout);
    if (!mark_jump_targets(code, entries)) return false;
    uint32_t next_pc;
    for (uint32_t pc = 0; pc < code->code_length; pc = next_pc) {
        chosen[pc] = choose_stencil(code, entries, pc, &next_pc);
        const StencilGroup *group = &stencil_groups[chosen[pc]];
        entries[pc] = (uint32_t)layout->code_size;
        layout->code_size += group->code_size;
        layout->cold_size += group->cold_size;
        layout->data_size = align_up(layout->data_size, group->data_align) + group->data_size;
        layout->data_bytes += group->data_size;
        layout->instructions += group->steps;
        layout->stencils++;
    }
    return true;
}

/* The hole values of one instruction, step [step] of its stencil: LOAD_CONST 7 with constant 7 = int 42,
 * for instance, gets HV_CONST_TYPE = VAL_INT and HV_CONST_BITS = 42 (HV_CONST_TYPE_1, ... in step 1). */
static void instruction_patches(Vm *vm, const ObjCode *code, const uint32_t *entries, unsigned char *memory,
                                 uint32_t pc, int step, uintptr_t *patches) {
    int op = code->code[pc];
    OperandKind kind = opcode_info[op].kind;
    uint32_t oparg = operand_at(code, pc);
    uintptr_t *mine = patches + step * HV_PER_STEP;
    mine[HV_OPARG] = oparg;
    mine[HV_LOCAL_OFFSET] = kind == OPK_LOCAL ? oparg * sizeof(Value) : 0;
    mine[HV_PC_AFTER] = pc + (uint32_t)opcode_size(op);
    if (kind == OPK_JUMP) {
        assert(entries[oparg] != NO_ENTRY && entries[oparg] != JUMP_TARGET);
        mine[HV_JUMP_TARGET] = (uintptr_t)(memory + entries[oparg]);
    } else if (kind == OPK_CONST) {
        mine[HV_CONST_TYPE] = code->consts[oparg].type;
        mine[HV_CONST_BITS] = code->consts[oparg].as.bits;
    } else if (kind == OPK_NAME) {
        mine[HV_NAME] = (uintptr_t)code->names[oparg];
        mine[HV_GLOBAL] = (uintptr_t)&vm->global_values[code->global_slots[oparg]];
    }
}

/* Pass 2: copy every stencil into [memory] and patch its holes, whose values come from patches[].
 * The block is laid out as [hot code of every stencil][cold code of every stencil][data]. */
static void emit(Vm *vm, const ObjCode *code, const uint32_t *entries, const uint16_t *chosen, unsigned char *memory,
                 const Layout *layout, size_t data_start, JitEmitHook *hook, void *context) {
    uintptr_t patches[HV_COUNT_] = {0};
    size_t cold_offset = layout->code_size;
    size_t data_offset = data_start;
    for (uint32_t pc = 0; pc < code->code_length;) {
        const StencilGroup *group = &stencil_groups[chosen[pc]];
        unsigned char *here = memory + entries[pc];
        data_offset = align_up(data_offset, group->data_align);
        patches[HV_CODE] = (uintptr_t)here;
        patches[HV_COLD] = (uintptr_t)(memory + cold_offset);
        patches[HV_DATA] = (uintptr_t)(memory + data_offset);
        patches[HV_CONTINUE] = (uintptr_t)(here + group->code_size);
        uint32_t step_pc = pc;
        for (uint32_t step = 0; step < group->steps; step++) {
            instruction_patches(vm, code, entries, memory, step_pc, (int)step, patches);
            step_pc += (uint32_t)opcode_size(code->code[step_pc]);
        }
        group->emit(here, memory + cold_offset, memory + data_offset, patches);
        if (hook != NULL) {
            JitEmitted emitted = {pc, group->steps, (uint32_t)(group - stencil_groups), here, memory + cold_offset,
                                  memory + data_offset, group->code_size, group->cold_size, group->data_size,
                                  patches};
            hook(context, &emitted);
        }
        cold_offset += group->cold_size;
        data_offset += group->data_size;
        pc = step_pc;
    }
}

bool jit_compile(Vm *vm, ObjCode *code) {
    /* --gdb-jit wants to know where each instruction landed, for its line table and unwind rules. */
    if (vm->jit_debug != NULL) return jit_compile_observed(vm, code, jit_debug_emitted, vm->jit_debug);
    return jit_compile_observed(vm, code, NULL, NULL);
}

bool jit_compile_observed(Vm *vm, ObjCode *code, JitEmitHook *hook, void *context) {
    JitState *jit = vm->jit;
    if (code->jit != NULL) return true;
    if (jit == NULL || jit->arena.failed) return false;
    uint64_t start = now_ns();
    JitCode *compiled = malloc(sizeof *compiled);
    uint32_t *entries = malloc(sizeof(uint32_t) * code->code_length);
    uint16_t *chosen = malloc(sizeof(uint16_t) * code->code_length);
    Layout layout;
    if (compiled == NULL || entries == NULL || chosen == NULL) goto fail;
    memset(entries, 0xff, sizeof(uint32_t) * code->code_length); /* NO_ENTRY everywhere */
    if (!lay_out(code, entries, chosen, &layout)) goto fail;
    /* The data starts 16-aligned, the most any stencil's data asks for. */
    size_t code_end = layout.code_size + layout.cold_size;
    size_t data_start = align_up(code_end, 16);
    size_t size = data_start + layout.data_size;
    unsigned char *memory = jit_arena_alloc(&jit->arena, size);
    if (memory == NULL) goto fail;
    memset(memory + code_end, 0xcc, data_start - code_end); /* int3 between code and data */
    emit(vm, code, entries, chosen, memory, &layout, data_start, hook, context);
    free(chosen);
    chosen = NULL;
    if (!jit_arena_seal(&jit->arena, memory, size)) {
        jit_arena_free(&jit->arena, memory, size);
        goto fail;
    }
    compiled->memory = memory;
    compiled->size = size;
    compiled->entries = entries;
    code->jit = compiled;
    jit->functions++;
    jit->instructions += layout.instructions;
    jit->stencils += layout.stencils;
    jit->code_bytes += code_end;
    jit->data_bytes += layout.data_bytes;
    jit->gap_bytes += size - code_end - layout.data_bytes;
    uint64_t ns = now_ns() - start;
    jit->compile_ns += ns;
    if (vm->jit_debug != NULL) jit_debug_compiled(vm, code, layout.instructions, ns);
    return true;
fail:
    free(compiled);
    free(entries);
    free(chosen);
    jit->compile_ns += now_ns() - start;
    if (vm->jit_debug != NULL) jit_debug_compile_failed(vm, code);
    return false;
}

/* --- Running ---------------------------------------------------------------------------------------- */

bool jit_can_enter_at(const ObjCode *code, uint32_t pc) {
    return code->jit != NULL && pc < code->code_length && code->jit->entries[pc] != NO_ENTRY;
}

/* clang's -fsanitize=function checks a type signature stored before the target of an indirect call;
 * JIT code has none, so the check is off for the one call that enters it. */
#if defined(__clang__)
__attribute__((no_sanitize("function")))
#endif
bool jit_execute(Vm *vm, Frame *frame, Value *sp, uint32_t pc) {
    JitCode *compiled = frame->code->jit;
    assert(pc < frame->code->code_length && compiled->entries[pc] != NO_ENTRY);
    /* A frame the interpreter has been running (its pc has moved) is entered mid-function: OSR (unless
     * the entry is an exception handler's: rt_jit_handle_error, where the frame ran compiled code). */
    if (frame->pc != 0 && !(frame->code->flags & CODE_GENERATOR) && !code_is_handler(frame->code, pc)) {
        vm->jit->osr_entries++; /* (a generator resumed at a yield is not OSR either: not counted) */
    }
    if (vm->jit_debug != NULL) jit_debug_enter(vm, frame, pc);
    bool returned = vm->jit->shim(vm, frame, sp, compiled->memory + compiled->entries[pc]) != 0;
    if (vm->jit_debug != NULL) jit_debug_leave(vm, frame, returned);
    return returned;
}

/* The error path of compiled code, called where compiled code of [frame] returned with an error (the
 * CALL stencil's call_end_compiled, calls.c, vm_run, an OSR entry): the same rt_unwind_to_handler the
 * interpreter uses records the traceback line and finds the handler, and the frame goes on in compiled
 * code there (every handler starts a stencil: mark_jump_targets). */
bool rt_jit_handle_error(Vm *vm, Frame *frame) {
    uint32_t handler;
    Value *sp;
    while (rt_unwind_to_handler(vm, frame, &handler, &sp)) {
        if (jit_execute(vm, frame, sp, handler)) return true;
    }
    return false;
}

bool jit_shim_code(const Vm *vm, const unsigned char **code, size_t *size) {
    if (vm->jit == NULL) return false;
    *code = vm->jit->shim_block;
    *size = sizeof shim_code;
    return true;
}

/* --- Lifetime ----------------------------------------------------------------------------------------- */

bool jit_init(Vm *vm) {
    JitState *jit = calloc(1, sizeof *jit);
    if (jit == NULL) return false;
    /* Map near the runtime helpers so that calls to them can be relaxed to direct calls. */
    jit_arena_init(&jit->arena, (const void *)(uintptr_t)&rt_call, 0);
    jit->shim_block = jit_arena_alloc(&jit->arena, sizeof shim_code);
    if (jit->shim_block == NULL) goto fail;
    memcpy(jit->shim_block, shim_code, sizeof shim_code);
    if (!jit_arena_seal(&jit->arena, jit->shim_block, sizeof shim_code)) goto fail;
    jit->shim = (Shim *)(uintptr_t)jit->shim_block;
    vm->jit = jit;
    vm->free_jit_code = jit_free_code;
    return true;
fail:
    jit_arena_fini(&jit->arena);
    free(jit);
    return false;
}

void jit_fini(Vm *vm) {
    if (vm->jit == NULL) return;
    jit_arena_fini(&vm->jit->arena);
    free(vm->jit);
    vm->jit = NULL;
}

void jit_free_code(Vm *vm, ObjCode *code) {
    JitCode *compiled = code->jit;
    if (compiled == NULL) return;
    if (vm->jit_debug != NULL) jit_debug_freed(vm, code);
    if (vm->jit != NULL) jit_arena_free(&vm->jit->arena, compiled->memory, compiled->size);
    free(compiled->entries);
    free(compiled);
    code->jit = NULL;
}

void jit_print_stats(Vm *vm, FILE *out) {
    JitState *jit = vm->jit;
    if (jit == NULL) return;
    double ms = (double)jit->compile_ns / 1e6;
    double per = jit->instructions ? (double)jit->compile_ns / (double)jit->instructions : 0.0;
    JitArena *arena = &jit->arena;
    /* Padding: the arena's (alignment of blocks, chunk tails) and the blocks' own (code to data). */
    uint64_t padding = arena->padding + jit->gap_bytes;
    uint64_t total = jit->code_bytes + jit->data_bytes + padding;
    fprintf(out, "jit: %llu functions, %llu instructions compiled in %.3f ms (%.0f ns per instruction)\n",
            (unsigned long long)jit->functions, (unsigned long long)jit->instructions, ms, per);
    fprintf(out, "jit: %llu stencils copied (%.2f instructions per stencil)\n", (unsigned long long)jit->stencils,
            jit->stencils ? (double)jit->instructions / (double)jit->stencils : 0.0);
    fprintf(out, "jit: %llu bytes of code, %llu of data, %llu of padding (%.1f%%); %zu bytes mapped\n",
            (unsigned long long)jit->code_bytes, (unsigned long long)jit->data_bytes, (unsigned long long)padding,
            total ? 100.0 * (double)padding / (double)total : 0.0, arena->mapped);
    fprintf(out, "jit: %llu OSR entries\n", (unsigned long long)jit->osr_entries);
}

#else /* !JIT_SUPPORTED: a build without stencils; jit_available() is false and the VM never calls the rest. */

bool jit_init(Vm *vm) {
    (void)vm;
    return false;
}
void jit_fini(Vm *vm) { (void)vm; }
bool jit_compile(Vm *vm, ObjCode *code) {
    (void)vm;
    (void)code;
    return false;
}
bool jit_compile_observed(Vm *vm, ObjCode *code, JitEmitHook *hook, void *context) {
    (void)vm, (void)code, (void)hook, (void)context;
    return false;
}
bool jit_shim_code(const Vm *vm, const unsigned char **code, size_t *size) {
    (void)vm, (void)code, (void)size;
    return false;
}
bool jit_execute(Vm *vm, Frame *frame, Value *sp, uint32_t pc) {
    (void)vm, (void)frame, (void)sp, (void)pc;
    return false;
}
bool rt_jit_handle_error(Vm *vm, Frame *frame) {
    (void)vm, (void)frame;
    return false;
}
bool jit_can_enter_at(const ObjCode *code, uint32_t pc) {
    (void)code;
    (void)pc;
    return false;
}
void jit_free_code(Vm *vm, ObjCode *code) {
    (void)vm;
    (void)code;
}
void jit_print_stats(Vm *vm, FILE *out) {
    (void)vm;
    (void)out;
}

#endif
