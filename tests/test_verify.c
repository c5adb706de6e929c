/* test_verify.c: the verifier's contract (vm/bytecode/verify.h), one rule per test, and the walker it reads code
 * with (bytecode/walk.h).
 *
 * Functions are assembled by hand into a scratch ObjCode that is not a heap object: the verifier only
 * reads it, so no VM is needed. Every function has 2 locals, 2 constants and 2 names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "bytecode/opcodes.h"
#include "bytecode/verify.h"
#include "bytecode/walk.h"

/* --- A tiny assembler -------------------------------------------------------------------------------- */

static uint8_t *code_bytes;
static size_t code_capacity;
static uint32_t code_length;
static char error[512];

static void begin(void) {
    code_length = 0;
    error[0] = '\0';
}

static void put_byte(uint8_t b) {
    if (code_length + 5 > code_capacity) {
        code_capacity = code_capacity < 64 ? 64 : code_capacity * 2;
        code_bytes = realloc(code_bytes, code_capacity);
        assert_non_null(code_bytes);
    }
    code_bytes[code_length++] = b;
}

/* Emits [op] (with [arg] when it has an operand) and returns its offset. */
static uint32_t emit(int op, uint32_t arg) {
    uint32_t at = code_length;
    put_byte((uint8_t)op);
    if (opcode_info[op].kind != OPK_NONE) {
        for (int i = 0; i < 4; i++) put_byte((uint8_t)(arg >> (8 * i)));
    }
    return at;
}

static uint32_t emit0(int op) { return emit(op, 0); }

static void patch(uint32_t at, uint32_t arg) {
    for (int i = 0; i < 4; i++) code_bytes[at + 1 + i] = (uint8_t)(arg >> (8 * i));
}

static ObjCode function_of(uint32_t max_stack) {
    put_byte(0); /* make room, then drop: the 4 zero padding bytes the format promises */
    code_length--;
    memset(code_bytes + code_length, 0, code_capacity - code_length);
    return (ObjCode){.index = 3, .nparams = 1, .nlocals = 2, .nconsts = 2, .nnames = 2, .max_stack = max_stack,
                     .code = code_bytes, .code_length = code_length};
}

static bool verify(uint32_t max_stack) {
    ObjCode code = function_of(max_stack);
    return verify_code(NULL, &code, error, sizeof error);
}

static void assert_rejected(uint32_t max_stack, const char *expected) {
    assert_false(verify(max_stack));
    if (strstr(error, expected) == NULL) fail_msg("expected \"%s\" in \"%s\"", expected, error);
}

/* --- Well-formed code -------------------------------------------------------------------------------- */

static void test_verify_accepts_straight_line_code(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_LOAD_FAST, 1);
    emit(OP_BINARY_OP, NB_ADD);
    emit(OP_STORE_GLOBAL, 1);
    emit(OP_LOAD_CONST, 1);
    emit0(OP_RETURN_VALUE);
    assert_true(verify(2));
}

static void test_verify_accepts_for_loop(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_GLOBAL, 0);
    emit0(OP_GET_ITER);
    uint32_t loop = emit(OP_FOR_ITER, 0);
    emit(OP_STORE_FAST, 0);
    emit(OP_JUMP_BACKWARD, loop);
    patch(loop, emit(OP_LOAD_CONST, 0)); /* the exit edge arrives with the iterator popped */
    emit0(OP_RETURN_VALUE);
    assert_true(verify(2));
}

static void test_verify_accepts_jump_backward_to_itself(void **state) {
    (void)state;
    begin();
    emit(OP_JUMP_BACKWARD, 0);
    assert_true(verify(0));
}

static void test_verify_accepts_jump_if_or_pop_whose_edges_balance(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_FAST, 0);
    uint32_t jump = emit(OP_JUMP_IF_FALSE_OR_POP, 0); /* a and b */
    emit(OP_LOAD_FAST, 1);
    patch(jump, emit0(OP_RETURN_VALUE));
    assert_true(verify(1));
}

static void test_verify_ignores_depth_of_unreachable_code(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    emit0(OP_POP_TOP); /* never runs, so its underflow cannot happen */
    emit0(OP_RETURN_VALUE);
    assert_true(verify(1));
}

/* --- Decoding and operands --------------------------------------------------------------------------- */

static void test_verify_rejects_unknown_opcode(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    put_byte(OP_COUNT_);
    assert_rejected(1, "unknown opcode");
}

static void test_verify_rejects_operand_cut_off_by_end_of_code(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    put_byte(OP_LOAD_CONST);
    put_byte(0);
    assert_rejected(1, "operand of LOAD_CONST cut off by the end of the code");
}

static void test_verify_rejects_local_out_of_range(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_FAST, 2);
    emit0(OP_RETURN_VALUE);
    assert_rejected(1, "local index 2 out of range (nlocals 2)");
}

static void test_verify_rejects_constant_out_of_range(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 2);
    emit0(OP_RETURN_VALUE);
    assert_rejected(1, "constant index 2 out of range (nconsts 2)");
}

static void test_verify_rejects_name_out_of_range(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_LOAD_METHOD, 9);
    emit0(OP_RETURN_VALUE);
    assert_rejected(2, "name index 9 out of range (nnames 2)");
}

static void test_verify_rejects_copy_of_zero(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_COPY, 0);
    emit0(OP_RETURN_VALUE);
    assert_rejected(2, "COPY count must be at least 1");
}

static void test_verify_rejects_swap_of_one(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_SWAP, 1);
    emit0(OP_RETURN_VALUE);
    assert_rejected(2, "SWAP count must be at least 2");
}

static void test_verify_rejects_build_slice_of_four(void **state) {
    (void)state;
    begin();
    for (int i = 0; i < 4; i++) emit(OP_LOAD_CONST, 0);
    emit(OP_BUILD_SLICE, 4);
    emit0(OP_RETURN_VALUE);
    assert_rejected(4, "BUILD_SLICE count must be 2 or 3, not 4");
}

static void test_verify_rejects_unpack_sequence_of_zero(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_UNPACK_SEQUENCE, 0);
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    assert_rejected(2, "UNPACK_SEQUENCE count must be at least 1");
}

static void test_verify_rejects_count_above_limit(void **state) {
    (void)state;
    begin();
    emit(OP_BUILD_LIST, CPVM_MAX_COUNT + 1);
    emit0(OP_RETURN_VALUE);
    assert_rejected(1, "count 65536 exceeds the limit 65535");
}

static void test_verify_rejects_binary_operator_out_of_range(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_LOAD_CONST, 0);
    emit(OP_BINARY_OP, NB_COUNT_);
    emit0(OP_RETURN_VALUE);
    char expected[64];
    snprintf(expected, sizeof expected, "binary operator %d out of range", NB_COUNT_);
    assert_rejected(2, expected);
}

static void test_verify_rejects_comparison_operator_out_of_range(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_LOAD_CONST, 0);
    emit(OP_COMPARE_OP, CMP_COUNT_);
    emit0(OP_RETURN_VALUE);
    assert_rejected(2, "comparison operator 6 out of range");
}

static void test_verify_rejects_flag_above_one(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_LOAD_CONST, 0);
    emit(OP_CONTAINS_OP, 2);
    emit0(OP_RETURN_VALUE);
    assert_rejected(2, "CONTAINS_OP flag must be 0 or 1, not 2");
}

/* --- Jumps ------------------------------------------------------------------------------------------- */

static void test_verify_rejects_jump_into_middle_of_instruction(void **state) {
    (void)state;
    begin();
    emit(OP_JUMP_FORWARD, 6);
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    assert_rejected(1, "jump target 6 is not an instruction boundary (function 3, offset 0)");
}

static void test_verify_rejects_jump_past_end(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_POP_JUMP_IF_TRUE, 16);
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    assert_rejected(1, "jump target 16 past the end of the code (length 16) (function 3, offset 5)");
}

static void test_verify_rejects_backward_jump_forward(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit0(OP_POP_TOP);
    emit(OP_JUMP_FORWARD, 0);
    assert_rejected(1, "JUMP_FORWARD target 0 is not after the jump");
}

static void test_verify_rejects_jump_forward_to_itself(void **state) {
    (void)state;
    begin();
    emit(OP_JUMP_FORWARD, 0);
    assert_rejected(0, "JUMP_FORWARD target 0 is not after the jump");
}

static void test_verify_rejects_forward_jump_backward(void **state) {
    (void)state;
    begin();
    emit(OP_JUMP_BACKWARD, 5);
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    assert_rejected(1, "JUMP_BACKWARD target 5 is after the jump");
}

static void test_verify_rejects_bad_jump_in_unreachable_code(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    emit(OP_JUMP_FORWARD, 100); /* the JIT compiles unreachable code too */
    assert_rejected(1, "jump target 100 past the end");
}

/* --- Stack depths ------------------------------------------------------------------------------------ */

static void test_verify_rejects_stack_underflow_on_one_path(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_FAST, 0);
    uint32_t jump = emit(OP_POP_JUMP_IF_TRUE, 0);
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    patch(jump, emit0(OP_RETURN_VALUE)); /* reached only by the jump, with an empty stack */
    assert_rejected(1, "stack underflow: RETURN_VALUE pops 1 but the stack holds 0 (function 3, offset 16)");
}

static void test_verify_rejects_depth_above_max_stack(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_LOAD_CONST, 1);
    emit(OP_BUILD_TUPLE, 2);
    emit0(OP_RETURN_VALUE);
    assert_rejected(1, "stack depth 2 exceeds max_stack 1 (function 3, offset 5)");
}

static void test_verify_rejects_depth_mismatch_at_merge(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_FAST, 0);
    uint32_t jump = emit(OP_POP_JUMP_IF_FALSE, 0);
    emit(OP_LOAD_CONST, 0); /* only the fall-through pushes */
    patch(jump, emit(OP_LOAD_CONST, 1));
    emit0(OP_RETURN_VALUE);
    assert_rejected(3, "stack depth mismatch at merge");
}

static void test_verify_rejects_loop_that_grows_the_stack(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_JUMP_BACKWARD, 0);
    assert_rejected(100, "stack depth mismatch at merge: offset 0 is reached with depth 0 and 1");
}

static void test_verify_rejects_falling_off_the_end(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_STORE_FAST, 0);
    assert_rejected(1, "execution can fall off the end (function 3, offset 5)");
}

static void test_verify_rejects_falling_off_after_conditional_jump(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_FAST, 0);
    emit(OP_POP_JUMP_IF_FALSE, 10); /* both ways lead to offset 10, which runs off the end */
    emit(OP_LOAD_FAST, 0);
    assert_rejected(1, "execution can fall off the end");
}

static void test_verify_rejects_backward_conditional_jump(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_FAST, 0);
    emit(OP_POP_JUMP_IF_TRUE, 0); /* a loop that would never pass a JUMP_BACKWARD: nothing could stop it */
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    assert_rejected(1, "POP_JUMP_IF_TRUE target 0 is not after the jump");
}

static void test_verify_for_iter_exit_edge_pops_the_iterator(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_GLOBAL, 0);
    emit0(OP_GET_ITER);
    uint32_t loop = emit(OP_FOR_ITER, 0);
    emit(OP_STORE_FAST, 0);
    emit(OP_JUMP_BACKWARD, loop);
    patch(loop, emit0(OP_POP_TOP)); /* wrong: the iterator is already gone */
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    assert_rejected(2, "stack underflow: POP_TOP pops 1 but the stack holds 0");
}

/* --- The function's shape and the error text -------------------------------------------------------- */

static void test_verify_rejects_empty_code(void **state) {
    (void)state;
    begin();
    assert_rejected(0, "empty code");
}

static void test_verify_rejects_nparams_above_nlocals(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    ObjCode code = function_of(1);
    code.nparams = 3;
    assert_false(verify_code(NULL, &code, error, sizeof error));
    assert_non_null(strstr(error, "nparams 3 exceeds nlocals 2"));
}

static void test_verify_error_names_the_function(void **state) {
    (void)state;
    begin();
    emit0(OP_NOP);
    emit0(OP_POP_TOP);
    ObjCode code = function_of(1);
    ObjString *name = calloc(1, sizeof(ObjString) + 6);
    assert_non_null(name);
    memcpy(name->chars, "fib", 4);
    name->length = name->char_count = 3;
    code.name = name;
    assert_false(verify_code(NULL, &code, error, sizeof error));
    assert_string_equal(error, "stack underflow: POP_TOP pops 1 but the stack holds 0 (function fib, offset 1)");
    free(name);
}

/* --- verify_compute_max_stack and verify_program ----------------------------------------------------- */

static void test_verify_compute_max_stack_finds_deepest_path(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_FAST, 0);
    uint32_t jump = emit(OP_POP_JUMP_IF_FALSE, 0);
    for (int i = 0; i < 5; i++) emit(OP_LOAD_CONST, 0); /* the deep path: 5 */
    emit(OP_BUILD_TUPLE, 5);
    emit0(OP_RETURN_VALUE);
    patch(jump, emit(OP_LOAD_CONST, 0));
    emit0(OP_RETURN_VALUE);
    ObjCode code = function_of(0); /* the declared max_stack is ignored */
    uint32_t max_stack = 99;
    assert_true(verify_compute_max_stack(NULL, &code, &max_stack, error, sizeof error));
    assert_int_equal(max_stack, 5);
}

static void test_verify_compute_max_stack_rejects_malformed_code(void **state) {
    (void)state;
    begin();
    emit0(OP_POP_TOP);
    emit0(OP_RETURN_VALUE);
    ObjCode code = function_of(0);
    uint32_t max_stack = 99;
    assert_false(verify_compute_max_stack(NULL, &code, &max_stack, error, sizeof error));
    assert_non_null(strstr(error, "stack underflow"));
    assert_int_equal(max_stack, 99);
}

static void test_verify_program_reports_first_bad_function(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    ObjCode good = function_of(1);
    ObjCode bad = function_of(0);
    bad.index = 1;
    good.index = 0;
    good.nparams = 0; /* the module body */
    ObjCode *codes[2] = {&good, &bad};
    Program program = {.count = 2, .codes = codes};
    assert_false(verify_program(&program, error, sizeof error));
    assert_string_equal(error, "stack depth 1 exceeds max_stack 0 (function 1, offset 0)");
}

/* vm_run calls the module body (function 0) with no arguments: a parameter there, with or without a
 * default, has nothing to come from. Other functions may have parameters. */
static void test_verify_program_refuses_a_module_body_with_parameters(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    ObjCode module = function_of(1);
    module.index = 0;
    module.ndefaults = 1;
    ObjCode helper = function_of(1);
    helper.index = 1;
    ObjCode *codes[2] = {&module, &helper};
    Program program = {.count = 2, .codes = codes};
    assert_false(verify_program(&program, error, sizeof error));
    assert_string_equal(error, "the module body takes no parameters (nparams 1) (function 0, offset 0)");
    module.nparams = module.ndefaults = 0;
    assert_true(verify_program(&program, error, sizeof error));
}

/* 100k instructions: a chain of conditional branches that all merge at the final return, then a long
 * loop body. A quadratic verifier would take minutes here; the linear one takes milliseconds. */
enum { HUGE_BRANCHES = 50000 };

static void emit_huge_function(bool balanced) {
    begin();
    uint32_t *jumps = malloc(sizeof(uint32_t) * HUGE_BRANCHES);
    assert_non_null(jumps);
    for (int i = 0; i < HUGE_BRANCHES; i++) {
        emit(OP_LOAD_FAST, 0);
        jumps[i] = emit(OP_POP_JUMP_IF_TRUE, 0);
    }
    if (!balanced) emit(OP_LOAD_CONST, 0); /* the fall-through reaches the end one deeper */
    uint32_t end = emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    for (int i = 0; i < HUGE_BRANCHES; i++) patch(jumps[i], end);
    free(jumps);
}

static void test_verify_accepts_huge_function(void **state) {
    (void)state;
    emit_huge_function(true);
    assert_true(verify(1));
}

/* --- The exception table ------------------------------------------------------------------------------
 * try_code: 0 NOP, 1 LOAD_CONST, 6 RAISE_VARARGS 1 (entered at depth 1), 11 POP_TOP, 12 LOAD_CONST,
 * 17 RETURN_VALUE; the handler at 11 is entered with the exception alone on the stack. */

static void try_code(void) {
    begin();
    emit0(OP_NOP);
    emit(OP_LOAD_CONST, 0);
    emit(OP_RAISE_VARARGS, 1);
    emit0(OP_POP_TOP);
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
}

static bool verify_with_table(uint32_t max_stack, ExcEntry *table, uint32_t count) {
    ObjCode code = function_of(max_stack);
    code.exc_table = table;
    code.nexc = count;
    return verify_code(NULL, &code, error, sizeof error);
}

static void assert_table_rejected(uint32_t max_stack, ExcEntry *table, uint32_t count, const char *expected) {
    assert_false(verify_with_table(max_stack, table, count));
    if (strstr(error, expected) == NULL) fail_msg("expected \"%s\" in \"%s\"", expected, error);
}

static void test_verify_accepts_handler_entered_with_the_exception(void **state) {
    (void)state;
    try_code();
    ExcEntry table[] = {{0, 11, 11, 0}};
    assert_true(verify_with_table(1, table, 1));
}

static void test_verify_counts_the_handler_entry_in_max_stack(void **state) {
    (void)state;
    try_code();
    ExcEntry table[] = {{0, 11, 11, 1}}; /* the handler keeps the value below: depth 2 on entry */
    ObjCode code = function_of(0);
    code.exc_table = table;
    code.nexc = 1;
    uint32_t max_stack = 0;
    assert_true(verify_compute_max_stack(NULL, &code, &max_stack, error, sizeof error));
    assert_int_equal(max_stack, 2);
    assert_table_rejected(1, table, 1, "stack depth 2 exceeds max_stack 1");
}

static void test_verify_rejects_handler_depth_above_the_stack(void **state) {
    (void)state;
    try_code();
    ExcEntry table[] = {{0, 11, 11, 2}};
    assert_table_rejected(4, table, 1, "exception handler depth 2 exceeds the stack depth 1 here (function 3, offset 6)");
}

static void test_verify_rejects_handler_inside_its_range(void **state) {
    (void)state;
    try_code();
    ExcEntry table[] = {{0, 11, 6, 0}};
    assert_table_rejected(2, table, 1, "exception table entry 0 handler 6 is not after its range 0-11");
}

static void test_verify_rejects_overlapping_exception_ranges(void **state) {
    (void)state;
    try_code();
    ExcEntry table[] = {{0, 11, 11, 0}, {6, 11, 11, 0}};
    assert_table_rejected(2, table, 2, "exception table entry 1 overlaps or precedes entry 0");
}

static void test_verify_rejects_exception_range_off_instruction_boundaries(void **state) {
    (void)state;
    try_code();
    ExcEntry table[] = {{0, 3, 11, 0}};
    assert_table_rejected(2, table, 1, "range 0-3 is not on instruction boundaries");
}

static void test_verify_rejects_handler_in_the_middle_of_an_instruction(void **state) {
    (void)state;
    try_code();
    ExcEntry table[] = {{0, 11, 13, 0}};
    assert_table_rejected(2, table, 1, "handler 13 is not an instruction");
}

static void test_verify_rejects_handler_reached_with_two_depths(void **state) {
    (void)state;
    begin();
    emit0(OP_NOP);
    emit(OP_LOAD_CONST, 0);
    emit0(OP_UNARY_NEGATIVE); /* may raise at depth 1: the handler gets depth 0 + the exception */
    emit0(OP_POP_TOP);        /* ... and the fall-through arrives with depth 0 */
    emit(OP_LOAD_CONST, 0);
    emit0(OP_RETURN_VALUE);
    ExcEntry table[] = {{0, 8, 8, 0}};
    assert_table_rejected(2, table, 1, "stack depth mismatch at merge: offset 8");
}

static void test_verify_rejects_raise_varargs_count_above_two(void **state) {
    (void)state;
    begin();
    emit(OP_LOAD_CONST, 0);
    emit(OP_LOAD_CONST, 0);
    emit(OP_LOAD_CONST, 0);
    emit(OP_RAISE_VARARGS, 3);
    assert_rejected(3, "RAISE_VARARGS count must be 0 to 2, not 3");
}

static void test_verify_rejects_mismatch_in_huge_function(void **state) {
    (void)state;
    emit_huge_function(false);
    assert_rejected(2, "stack depth mismatch at merge");
}

static int free_buffer(void **state) {
    (void)state;
    free(code_bytes);
    code_bytes = NULL;
    code_capacity = 0;
    return 0;
}

/* --- The walker on hostile code ---------------------------------------------------------------------- */

/* Code that ends right before an unreadable page, with no padding: a read past its end would fault. */
static uint8_t *code_before_guard_page(const uint8_t *bytes, size_t n, void **mapping, size_t *size) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    *size = 2 * page;
    uint8_t *base = mmap(NULL, *size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(base != MAP_FAILED);
    assert_int_equal(mprotect(base + page, page, PROT_NONE), 0);
    *mapping = base;
    memcpy(base + page - n, bytes, n);
    return base + page - n;
}

static void test_walker_reads_nothing_past_the_code(void **state) {
    (void)state;
    static const uint8_t cut_off[] = {OP_LOAD_CONST, 1, 0}; /* two of the operand's four bytes */
    void *mapping;
    size_t size;
    uint8_t *code = code_before_guard_page(cut_off, sizeof cut_off, &mapping, &size);
    BytecodeStep s = bytecode_decode(code, sizeof cut_off, 0);
    assert_int_equal(s.op, OP_LOAD_CONST);
    assert_int_equal(s.oparg, 1); /* the missing bytes read as the zero padding would */
    assert_int_equal(s.next, 5);
    ObjCode function = {.index = 3, .nlocals = 2, .nconsts = 2, .nnames = 2, .max_stack = 4, .code = code,
                        .code_length = sizeof cut_off};
    assert_false(verify_code(NULL, &function, error, sizeof error));
    assert_string_equal(error, "operand of LOAD_CONST cut off by the end of the code (function 3, offset 0)");
    munmap(mapping, size);
}

static void test_walker_steps_over_unknown_opcodes_one_byte_at_a_time(void **state) {
    (void)state;
    const uint8_t code[] = {OP_NOP, 0xff, OP_LOAD_FAST, 7, 0, 0, 0, OP_RETURN_VALUE};
    uint32_t pcs[8], n = 0;
    for (BytecodeStep s = {0}; bytecode_next(code, sizeof code, &s);) pcs[n++] = s.pc;
    assert_int_equal(n, 4);
    assert_int_equal(pcs[1], 1);
    assert_int_equal(pcs[2], 2);
    assert_int_equal(pcs[3], 7);
    assert_int_equal(bytecode_decode(code, sizeof code, 2).oparg, 7);
    assert_int_equal(bytecode_decode(code, sizeof code, 1).oparg, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verify_accepts_straight_line_code),
        cmocka_unit_test(test_verify_accepts_for_loop),
        cmocka_unit_test(test_verify_accepts_jump_backward_to_itself),
        cmocka_unit_test(test_verify_accepts_jump_if_or_pop_whose_edges_balance),
        cmocka_unit_test(test_verify_ignores_depth_of_unreachable_code),
        cmocka_unit_test(test_verify_rejects_unknown_opcode),
        cmocka_unit_test(test_verify_rejects_operand_cut_off_by_end_of_code),
        cmocka_unit_test(test_verify_rejects_local_out_of_range),
        cmocka_unit_test(test_verify_rejects_constant_out_of_range),
        cmocka_unit_test(test_verify_rejects_name_out_of_range),
        cmocka_unit_test(test_verify_rejects_copy_of_zero),
        cmocka_unit_test(test_verify_rejects_swap_of_one),
        cmocka_unit_test(test_verify_rejects_build_slice_of_four),
        cmocka_unit_test(test_verify_rejects_unpack_sequence_of_zero),
        cmocka_unit_test(test_verify_rejects_count_above_limit),
        cmocka_unit_test(test_verify_rejects_binary_operator_out_of_range),
        cmocka_unit_test(test_verify_rejects_comparison_operator_out_of_range),
        cmocka_unit_test(test_verify_rejects_flag_above_one),
        cmocka_unit_test(test_verify_rejects_jump_into_middle_of_instruction),
        cmocka_unit_test(test_verify_rejects_jump_past_end),
        cmocka_unit_test(test_verify_rejects_backward_jump_forward),
        cmocka_unit_test(test_verify_rejects_jump_forward_to_itself),
        cmocka_unit_test(test_verify_rejects_forward_jump_backward),
        cmocka_unit_test(test_verify_rejects_bad_jump_in_unreachable_code),
        cmocka_unit_test(test_verify_rejects_stack_underflow_on_one_path),
        cmocka_unit_test(test_verify_rejects_depth_above_max_stack),
        cmocka_unit_test(test_verify_rejects_depth_mismatch_at_merge),
        cmocka_unit_test(test_verify_rejects_loop_that_grows_the_stack),
        cmocka_unit_test(test_verify_rejects_falling_off_the_end),
        cmocka_unit_test(test_verify_rejects_falling_off_after_conditional_jump),
        cmocka_unit_test(test_verify_rejects_backward_conditional_jump),
        cmocka_unit_test(test_verify_for_iter_exit_edge_pops_the_iterator),
        cmocka_unit_test(test_verify_rejects_empty_code),
        cmocka_unit_test(test_verify_rejects_nparams_above_nlocals),
        cmocka_unit_test(test_verify_error_names_the_function),
        cmocka_unit_test(test_verify_compute_max_stack_finds_deepest_path),
        cmocka_unit_test(test_verify_compute_max_stack_rejects_malformed_code),
        cmocka_unit_test(test_verify_program_reports_first_bad_function),
        cmocka_unit_test(test_verify_program_refuses_a_module_body_with_parameters),
        cmocka_unit_test(test_verify_accepts_huge_function),
        cmocka_unit_test(test_verify_rejects_mismatch_in_huge_function),
        cmocka_unit_test(test_verify_accepts_handler_entered_with_the_exception),
        cmocka_unit_test(test_verify_counts_the_handler_entry_in_max_stack),
        cmocka_unit_test(test_verify_rejects_handler_depth_above_the_stack),
        cmocka_unit_test(test_verify_rejects_handler_inside_its_range),
        cmocka_unit_test(test_verify_rejects_overlapping_exception_ranges),
        cmocka_unit_test(test_verify_rejects_exception_range_off_instruction_boundaries),
        cmocka_unit_test(test_verify_rejects_handler_in_the_middle_of_an_instruction),
        cmocka_unit_test(test_verify_rejects_handler_reached_with_two_depths),
        cmocka_unit_test(test_verify_rejects_raise_varargs_count_above_two),
        cmocka_unit_test(test_walker_reads_nothing_past_the_code),
        cmocka_unit_test(test_walker_steps_over_unknown_opcodes_one_byte_at_a_time),
    };
    return cmocka_run_group_tests(tests, NULL, free_buffer);
}
