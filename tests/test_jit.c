/* test_jit.c: the copy-and-patch JIT: each patch function on a known buffer, the code arena (packing,
 * padding, W^X), and compiled code entered at the start and at a loop header (OSR). Programs are
 * written in assembly (asm.c) so these tests do not need the compiler. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "bytecode/asm.h"
#include "jit/jit.h"
#include "jit/jit_memory.h"
#include "jit/jit_patch.h"
#include "ops/runtime.h"
#include "core/vm.h"

/* --- Patch functions ---------------------------------------------------------------------------------- */

static void test_patch_64_writes_absolute_value(void **state) {
    (void)state;
    unsigned char buffer[10] = {0x48, 0xb8};
    patch_64(buffer + 2, 0x1122334455667788u);
    const unsigned char expected[10] = {0x48, 0xb8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11};
    assert_memory_equal(buffer, expected, sizeof expected);
}

static void test_patch_32_writes_zero_extended_value(void **state) {
    (void)state;
    unsigned char buffer[5] = {0xb8};
    patch_32(buffer + 1, 0xfffffffeu);
    const unsigned char expected[5] = {0xb8, 0xfe, 0xff, 0xff, 0xff};
    assert_memory_equal(buffer, expected, sizeof expected);
}

static void test_patch_32s_writes_sign_extended_value(void **state) {
    (void)state;
    unsigned char buffer[4] = {0};
    patch_32s(buffer, (uint64_t)(int64_t)-2);
    const unsigned char expected[4] = {0xfe, 0xff, 0xff, 0xff};
    assert_memory_equal(buffer, expected, sizeof expected);
}

static void test_patch_32r_writes_offset_relative_to_location(void **state) {
    (void)state;
    unsigned char buffer[64] = {0xe9}; /* jmp rel32 at 1; target buffer + 40; addend -4 */
    patch_32r(buffer + 1, (uint64_t)(uintptr_t)(buffer + 40) - 4);
    int32_t relative;
    memcpy(&relative, buffer + 1, sizeof relative);
    assert_int_equal(relative, 40 - 5); /* from the end of the 5-byte jump */
}

/* A call through a GOT slot, and the slot, as a stencil has them after tools/jit/stencils.py's got(). */
typedef struct {
    unsigned char code[8];
    unsigned char pad[8];
    uint64_t slot;
} GotCall;

static void test_patch_x86_64_32rx_relaxes_call_within_reach(void **state) {
    (void)state;
    static GotCall g = {.code = {0xff, 0x15}};
    static unsigned char target[16];
    g.slot = (uint64_t)(uintptr_t)target; /* static data: within 2 GiB of g */
    patch_x86_64_32rx(g.code + 2, (uint64_t)(uintptr_t)&g.slot - 4);
    assert_int_equal(g.code[0], 0x67); /* addr32 prefix keeps the instruction 6 bytes long */
    assert_int_equal(g.code[1], 0xe8); /* call rel32 */
    int32_t relative;
    memcpy(&relative, g.code + 2, sizeof relative);
    assert_true((uintptr_t)g.code + 6 + (uintptr_t)(intptr_t)relative == (uintptr_t)target);
}

static void test_patch_x86_64_32rx_relaxes_load_to_lea(void **state) {
    (void)state;
    static GotCall g = {.code = {0x48, 0x8b, 0x05}}; /* mov slot(%rip), %rax */
    static unsigned char target[16];
    g.slot = (uint64_t)(uintptr_t)target;
    patch_x86_64_32rx(g.code + 3, (uint64_t)(uintptr_t)&g.slot - 4);
    assert_int_equal(g.code[1], 0x8d); /* lea target(%rip), %rax */
    int32_t relative;
    memcpy(&relative, g.code + 3, sizeof relative);
    assert_true((uintptr_t)g.code + 7 + (uintptr_t)(intptr_t)relative == (uintptr_t)target);
}

static void test_patch_x86_64_32rx_keeps_got_call_when_target_is_far(void **state) {
    (void)state;
    static GotCall g = {.code = {0xff, 0x15}};
    g.slot = (uint64_t)(uintptr_t)g.code + ((uint64_t)1 << 40); /* 1 TiB away: unreachable by rel32 */
    patch_x86_64_32rx(g.code + 2, (uint64_t)(uintptr_t)&g.slot - 4);
    assert_int_equal(g.code[0], 0xff);
    assert_int_equal(g.code[1], 0x15);
    int32_t relative;
    memcpy(&relative, g.code + 2, sizeof relative);
    assert_true((uintptr_t)g.code + 6 + (uintptr_t)(intptr_t)relative == (uintptr_t)&g.slot);
}

/* --- The arena ---------------------------------------------------------------------------------------- */

static void test_arena_packs_thousands_of_functions_with_little_padding(void **state) {
    (void)state;
    JitArena arena;
    jit_arena_init(&arena, NULL, 0);
    enum { COUNT = 5000 };
    static unsigned char *blocks[COUNT];
    static size_t sizes[COUNT];
    uint32_t seed = 12345;
    for (int i = 0; i < COUNT; i++) {
        seed = seed * 1103515245u + 12345u;
        sizes[i] = 100 + (seed >> 8) % 4000; /* 100 bytes to 4 KB: typical compiled functions */
        blocks[i] = jit_arena_alloc(&arena, sizes[i]);
        assert_non_null(blocks[i]);
        assert_int_equal((uintptr_t)blocks[i] % 16, 0);
        memset(blocks[i], 0xc3, sizes[i]);
        assert_true(jit_arena_seal(&arena, blocks[i], sizes[i]));
    }
    for (int i = 1; i < COUNT; i++) assert_true(blocks[i] >= blocks[i - 1] + sizes[i - 1] || blocks[i] < blocks[i - 1]);
    assert_true(arena.padding * 10 < arena.used + arena.padding);
    for (int i = 0; i < COUNT; i++) jit_arena_free(&arena, blocks[i], sizes[i]);
    assert_int_equal(arena.used, 0);
    assert_true(arena.mapped <= CPVM_JIT_CHUNK_BYTES); /* emptied chunks are unmapped, the current one kept */
    jit_arena_fini(&arena);
}

static void test_arena_gives_huge_function_its_own_mapping(void **state) {
    (void)state;
    JitArena arena;
    jit_arena_init(&arena, NULL, 0);
    unsigned char *small = jit_arena_alloc(&arena, 100);
    assert_true(jit_arena_seal(&arena, small, 100));
    size_t huge_size = CPVM_JIT_CHUNK_BYTES * 3;
    unsigned char *huge = jit_arena_alloc(&arena, huge_size);
    assert_non_null(huge);
    assert_true(jit_arena_seal(&arena, huge, huge_size));
    unsigned char *next = jit_arena_alloc(&arena, 100);
    assert_true(next == small + 112); /* the small-block chunk stays current */
    assert_true(jit_arena_seal(&arena, next, 100));
    jit_arena_free(&arena, huge, huge_size);
    assert_int_equal(arena.mapped, CPVM_JIT_CHUNK_BYTES);
    jit_arena_fini(&arena);
}

/* True when some mapping of this process is both writable and executable. */
static bool has_writable_executable_mapping(void) {
    FILE *maps = fopen("/proc/self/maps", "r");
    assert_non_null(maps);
    char line[512];
    bool found = false;
    while (fgets(line, sizeof line, maps) != NULL) {
        char perms[8] = "";
        if (sscanf(line, "%*s %7s", perms) == 1 && perms[1] == 'w' && perms[2] == 'x') found = true;
    }
    fclose(maps);
    return found;
}

static void test_arena_memory_is_never_writable_and_executable(void **state) {
    (void)state;
    JitArena arena;
    jit_arena_init(&arena, NULL, 0);
    unsigned char *sealed = jit_arena_alloc(&arena, 64);
    assert_true(jit_arena_seal(&arena, sealed, 64));
    unsigned char *open = jit_arena_alloc(&arena, 64); /* shares a page with [sealed], being written */
    memset(open, 0xc3, 64);
    assert_false(has_writable_executable_mapping());
    assert_true(jit_arena_seal(&arena, open, 64));
    assert_false(has_writable_executable_mapping());
    jit_arena_fini(&arena);
}

/* --- Compiled code ------------------------------------------------------------------------------------ */

/* sum(n): s = 0; i = 0; while i < n: s += i; i += 1; return s; and 1 // 0 in div(). Offsets matter below:
 * `loop` is at byte 20, and the BINARY_OP of div ends at byte 15. */
static const char program_source[] =
    ".function <module>\n"
    " LOAD_CONST None\n RETURN_VALUE\n"
    ".function sum params=1\n"
    ".locals n, s, i\n"
    " LOAD_CONST 0\n STORE_FAST s\n LOAD_CONST 0\n STORE_FAST i\n"
    "loop:\n"
    " LOAD_FAST i\n LOAD_FAST n\n COMPARE_OP <\n POP_JUMP_IF_FALSE done\n"
    " LOAD_FAST s\n LOAD_FAST i\n BINARY_OP +=\n STORE_FAST s\n"
    " LOAD_FAST i\n LOAD_CONST 1\n BINARY_OP +=\n STORE_FAST i\n"
    " JUMP_BACKWARD loop\n"
    "done:\n"
    " LOAD_FAST s\n RETURN_VALUE\n"
    ".function div\n"
    ".line 3\n"
    " LOAD_CONST 1\n LOAD_CONST 0\n BINARY_OP //\n RETURN_VALUE\n"
    /* count(n): STORE_FAST i at byte 6 and LOAD_FAST i at the loop header (byte 11) would make the sequence
     * stencil STORE_FAST__LOAD_FAST, but a jump lands between them. */
    ".function count params=1\n"
    ".locals n, i\n"
    " LOAD_CONST 0\n UNARY_NEGATIVE\n STORE_FAST i\n"
    "again:\n"
    " LOAD_FAST i\n LOAD_FAST n\n COMPARE_OP <\n POP_JUMP_IF_FALSE out\n"
    " LOAD_FAST i\n LOAD_CONST 1\n BINARY_OP +\n STORE_FAST i\n"
    " JUMP_BACKWARD again\n"
    "out:\n"
    " LOAD_FAST i\n RETURN_VALUE\n";

enum { LOOP_HEADER = 20, DIV_PC_AFTER_BINARY_OP = 15, COUNT_STORE = 6, COUNT_HEADER = 11 };

typedef struct {
    Vm *vm;
    Program *program;
} Fixture;

static int setup_vm(void **state) {
    if (!jit_available()) return 0;
    static Fixture fixture;
    VmOptions options;
    vm_options_default(&options);
    options.jit_mode = JIT_ALWAYS;
    fixture.vm = vm_new(&options);
    assert_non_null(fixture.vm);
    assert_non_null(fixture.vm->jit);
    char error[512];
    fixture.program = asm_assemble(fixture.vm, program_source, strlen(program_source), "jit.cpasm", error, sizeof error);
    if (fixture.program == NULL) fail_msg("assembly failed: %s", error);
    assert_true(vm_link(fixture.vm, fixture.program));
    *state = &fixture;
    return 0;
}

static int teardown_vm(void **state) {
    if (!jit_available()) return 0;
    Fixture *fixture = *state;
    vm_free(fixture->vm);
    return 0;
}

/* Pushes a frame for a call of codes[index] with [argc] int arguments, as calls.c would. */
static Frame *push_call(Vm *vm, Program *program, uint32_t index, int argc, const int64_t *args) {
    ObjFunction *function = function_new(vm, program->codes[index], NULL);
    assert_non_null(function);
    Value *callee = &vm->exec.stack[1];
    callee[0] = obj_value(&function->obj);
    for (int i = 0; i < argc; i++) callee[1 + i] = int_value(args[i]);
    Frame *frame = rt_push_frame(vm, callee, argc);
    assert_non_null(frame);
    return frame;
}

static void test_compiled_function_runs_from_its_first_instruction(void **state) {
    if (!jit_available()) skip();
    Fixture *fixture = *state;
    Vm *vm = fixture->vm;
    ObjCode *code = fixture->program->codes[1];
    assert_true(jit_compile(vm, code));
    Frame *frame = push_call(vm, fixture->program, 1, 1, (int64_t[]){100});
    assert_true(jit_execute(vm, frame, frame->locals + code->nlocals, 0));
    assert_int_equal(AS_INT(frame->locals[-1]), 4950);
    vm->exec.frame_count--;
}

static void test_compiled_function_can_be_entered_at_loop_header(void **state) {
    if (!jit_available()) skip();
    Fixture *fixture = *state;
    Vm *vm = fixture->vm;
    ObjCode *code = fixture->program->codes[1];
    assert_true(jit_compile(vm, code));
    assert_true(jit_can_enter_at(code, LOOP_HEADER));
    assert_false(jit_can_enter_at(code, LOOP_HEADER + 1)); /* inside LOAD_FAST's operand */
    /* As the interpreter would leave it after 90 iterations: s = 0 + ... + 89, i = 90. */
    Frame *frame = push_call(vm, fixture->program, 1, 1, (int64_t[]){100});
    frame->locals[1] = int_value(4005);
    frame->locals[2] = int_value(90);
    frame->pc = LOOP_HEADER + 5; /* past the JUMP_BACKWARD the interpreter was running */
    assert_true(jit_execute(vm, frame, frame->locals + code->nlocals, LOOP_HEADER));
    assert_int_equal(AS_INT(frame->locals[-1]), 4950);
    vm->exec.frame_count--;
}

static void test_error_in_compiled_code_sets_pc_past_the_raising_instruction(void **state) {
    if (!jit_available()) skip();
    Fixture *fixture = *state;
    Vm *vm = fixture->vm;
    ObjCode *code = fixture->program->codes[2];
    assert_true(jit_compile(vm, code));
    Frame *frame = push_call(vm, fixture->program, 2, 0, NULL);
    assert_false(jit_execute(vm, frame, frame->locals + code->nlocals, 0));
    assert_int_equal(frame->pc, DIV_PC_AFTER_BINARY_OP);
    assert_int_equal(vm->exc, EXC_ZERO_DIVISION_ERROR);
    assert_int_equal(code_line_at(code, frame->pc - 1), 3);
    vm_clear_error(vm);
    vm->exec.frame_count--;
}

/* The stencils jit.c chose for a function: how many instructions the one starting at each pc covers. */
typedef struct {
    uint32_t steps_at[64];
} Chosen;

static void record_steps(void *context, const JitEmitted *emitted) {
    Chosen *chosen = context;
    if (emitted->pc < 64) chosen->steps_at[emitted->pc] = emitted->steps;
}

static void test_sequence_stencils_never_swallow_a_jump_target(void **state) {
    if (!jit_available()) skip();
    Fixture *fixture = *state;
    Vm *vm = fixture->vm;
    ObjCode *code = fixture->program->codes[3];
    Chosen chosen = {{0}};
    assert_true(jit_compile_observed(vm, code, record_steps, &chosen));
    assert_int_equal(chosen.steps_at[COUNT_STORE], 1);  /* STORE_FAST alone: the loop header follows */
    assert_int_equal(chosen.steps_at[COUNT_HEADER], 4); /* LOAD_FAST LOAD_FAST COMPARE_OP_LT POP_JUMP_IF_FALSE */
    assert_int_equal(chosen.steps_at[COUNT_HEADER + 20], 4); /* LOAD_FAST LOAD_CONST_INT BINARY_OP_ADD STORE_FAST */
    assert_true(jit_can_enter_at(code, COUNT_HEADER));
    assert_false(jit_can_enter_at(code, COUNT_HEADER + 5)); /* inside a sequence: no code starts there */
    Frame *frame = push_call(vm, fixture->program, 3, 1, (int64_t[]){5});
    assert_true(jit_execute(vm, frame, frame->locals + code->nlocals, 0));
    assert_int_equal(AS_INT(frame->locals[-1]), 5);
    vm->exec.frame_count--;
}

static void test_an_int_constant_can_start_a_sequence_written_for_any_constant(void **state) {
    if (!jit_available()) skip();
    Fixture *fixture = *state;
    Chosen chosen = {{0}};
    assert_true(jit_compile_observed(fixture->vm, fixture->program->codes[1], record_steps, &chosen));
    /* sum: LOAD_CONST 0; STORE_FAST s matches LOAD_CONST__STORE_FAST, although the trie first tries the
     * LOAD_CONST_INT root (which has no STORE_FAST after it). */
    assert_int_equal(chosen.steps_at[0], 2);
    assert_int_equal(chosen.steps_at[10], 2);
}

static void test_compiled_code_is_not_writable(void **state) {
    if (!jit_available()) skip();
    Fixture *fixture = *state;
    assert_true(jit_compile(fixture->vm, fixture->program->codes[1]));
    assert_false(has_writable_executable_mapping());
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patch_64_writes_absolute_value),
        cmocka_unit_test(test_patch_32_writes_zero_extended_value),
        cmocka_unit_test(test_patch_32s_writes_sign_extended_value),
        cmocka_unit_test(test_patch_32r_writes_offset_relative_to_location),
        cmocka_unit_test(test_patch_x86_64_32rx_relaxes_call_within_reach),
        cmocka_unit_test(test_patch_x86_64_32rx_relaxes_load_to_lea),
        cmocka_unit_test(test_patch_x86_64_32rx_keeps_got_call_when_target_is_far),
        cmocka_unit_test(test_arena_packs_thousands_of_functions_with_little_padding),
        cmocka_unit_test(test_arena_gives_huge_function_its_own_mapping),
        cmocka_unit_test(test_arena_memory_is_never_writable_and_executable),
        cmocka_unit_test_setup_teardown(test_compiled_function_runs_from_its_first_instruction, setup_vm, teardown_vm),
        cmocka_unit_test_setup_teardown(test_sequence_stencils_never_swallow_a_jump_target, setup_vm, teardown_vm),
        cmocka_unit_test_setup_teardown(test_an_int_constant_can_start_a_sequence_written_for_any_constant, setup_vm,
                                        teardown_vm),
        cmocka_unit_test_setup_teardown(test_compiled_function_can_be_entered_at_loop_header, setup_vm, teardown_vm),
        cmocka_unit_test_setup_teardown(test_error_in_compiled_code_sets_pc_past_the_raising_instruction, setup_vm,
                                        teardown_vm),
        cmocka_unit_test_setup_teardown(test_compiled_code_is_not_writable, setup_vm, teardown_vm),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
