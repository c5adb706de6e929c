/* test_compiler.c: the Python-subset compiler (lexer.c, parser.c, parse_expr.c, compiler.c, codegen.c).
 *
 * These check what the program tests (tests/programs, run by run_programs.py) cannot see directly: the
 * shape of the bytecode (code objects, locals, line table, jump kinds, dropped dead code), the exact
 * error text with its caret, and that pathological input gives an error instead of a crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compiler.h"
#include "opcodes.h"
#include "verify.h"

typedef struct {
    Vm *vm;
    Program *program;
    char error[2048];
} Compiled;

static Compiled compile(const char *source) {
    Compiled c = {0};
    VmOptions options;
    vm_options_default(&options);
    c.vm = vm_new(&options);
    assert_non_null(c.vm);
    c.program = compiler_compile(c.vm, source, strlen(source), "prog.py", c.error, sizeof c.error);
    return c;
}

static Compiled compile_ok(const char *source) {
    Compiled c = compile(source);
    if (c.program == NULL) fail_msg("compile failed: %s", c.error);
    return c;
}

static void compiled_free(Compiled *c) { vm_free(c->vm); }

/* Asserts that compiling [source] fails with [expected] as the whole error text. */
static void assert_compile_error(const char *source, const char *expected) {
    Compiled c = compile(source);
    assert_null(c.program);
    assert_string_equal(c.error, expected);
    compiled_free(&c);
}

static uint32_t read_operand(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* How many instructions with opcode [op] [code] has. */
static int count_op(const ObjCode *code, int op) {
    int n = 0;
    for (uint32_t pc = 0; pc < code->code_length; pc += (uint32_t)opcode_size(code->code[pc])) {
        if (code->code[pc] == op) n++;
    }
    return n;
}

/* Offset of the [nth] (0-based) instruction with opcode [op], or -1. */
static int64_t find_op(const ObjCode *code, int op, int nth) {
    for (uint32_t pc = 0; pc < code->code_length; pc += (uint32_t)opcode_size(code->code[pc])) {
        if (code->code[pc] == op && nth-- == 0) return pc;
    }
    return -1;
}

/* --- Code objects ------------------------------------------------------------------------------------- */

static void test_compiler_puts_module_body_first_and_each_def_after(void **state) {
    (void)state;
    Compiled c = compile_ok("def f(a, b=1):\n    return a + b\ndef g():\n    pass\nprint(f(1))\n");
    assert_int_equal(c.program->count, 3);
    assert_string_equal(c.program->codes[0]->name->chars, "<module>");
    assert_string_equal(c.program->codes[1]->name->chars, "f");
    assert_int_equal(c.program->codes[1]->nparams, 2);
    assert_int_equal(c.program->codes[1]->ndefaults, 1);
    assert_string_equal(c.program->codes[2]->name->chars, "g");
    assert_int_equal(count_op(c.program->codes[0], OP_MAKE_FUNCTION), 2);
    compiled_free(&c);
}

static void test_compiler_makes_parameters_the_first_locals(void **state) {
    (void)state;
    Compiled c = compile_ok("def f(x, y):\n    total = x\n    for i in range(y):\n        total += i\n    return total\n");
    const ObjCode *f = c.program->codes[1];
    assert_int_equal(f->nlocals, 4);
    assert_string_equal(f->local_names[0]->chars, "x");
    assert_string_equal(f->local_names[1]->chars, "y");
    assert_string_equal(f->local_names[2]->chars, "total");
    assert_string_equal(f->local_names[3]->chars, "i");
    assert_int_equal(count_op(f, OP_LOAD_GLOBAL), 1); /* range */
    compiled_free(&c);
}

static void test_compiler_stores_globals_declared_in_a_function_as_globals(void **state) {
    (void)state;
    Compiled c = compile_ok("n = 0\ndef bump():\n    global n\n    n = n + 1\n");
    const ObjCode *f = c.program->codes[1];
    assert_int_equal(f->nlocals, 0);
    assert_int_equal(count_op(f, OP_STORE_GLOBAL), 1);
    assert_int_equal(count_op(f, OP_STORE_FAST), 0);
    compiled_free(&c);
}

static void test_compiler_ends_every_path_in_return_value(void **state) {
    (void)state;
    Compiled c = compile_ok("def f(x):\n    if x:\n        return 1\n    elif x == 2:\n        pass\n");
    const ObjCode *f = c.program->codes[1];
    assert_int_equal(f->code[f->code_length - 1], OP_RETURN_VALUE);
    assert_int_equal(count_op(f, OP_RETURN_VALUE), 2);
    char why[256];
    assert_true(verify_program(c.program, why, sizeof why));
    compiled_free(&c);
}

static void test_compiler_drops_code_after_return(void **state) {
    (void)state;
    Compiled c = compile_ok("def f():\n    return 1\n    print(2)\n    return 3\n");
    const ObjCode *f = c.program->codes[1];
    assert_int_equal(count_op(f, OP_CALL), 0);
    assert_int_equal(count_op(f, OP_RETURN_VALUE), 1);
    compiled_free(&c);
}

/* --- Control flow ------------------------------------------------------------------------------------- */

static void test_compiler_closes_loops_with_jump_backward(void **state) {
    (void)state;
    Compiled c = compile_ok("i = 0\nwhile i < 3:\n    i += 1\n    if i == 2:\n        continue\nfor x in [1]:\n    pass\n");
    const ObjCode *m = c.program->codes[0];
    assert_int_equal(count_op(m, OP_JUMP_BACKWARD), 3); /* while, continue, for */
    for (int k = 0; k < 3; k++) {
        int64_t pc = find_op(m, OP_JUMP_BACKWARD, k);
        assert_true(read_operand(&m->code[pc + 1]) <= (uint32_t)pc);
    }
    compiled_free(&c);
}

static void test_compiler_pops_the_iterator_when_breaking_out_of_a_for_loop(void **state) {
    (void)state;
    Compiled c = compile_ok("for x in [1, 2]:\n    break\n");
    const ObjCode *m = c.program->codes[0];
    int64_t jump = find_op(m, OP_JUMP_FORWARD, 0);
    assert_true(jump > 0);
    assert_int_equal(m->code[jump - 1], OP_POP_TOP);
    compiled_free(&c);
}

static void test_compiler_needs_no_test_for_while_true(void **state) {
    (void)state;
    Compiled c = compile_ok("while True:\n    break\n");
    assert_int_equal(count_op(c.program->codes[0], OP_POP_JUMP_IF_FALSE), 0);
    compiled_free(&c);
}

static void test_compiler_evaluates_chained_comparison_operands_once(void **state) {
    (void)state;
    Compiled c = compile_ok("x = 0 <= y < 10\n");
    const ObjCode *m = c.program->codes[0];
    assert_int_equal(count_op(m, OP_LOAD_GLOBAL), 1); /* y */
    assert_int_equal(count_op(m, OP_COMPARE_OP), 2);
    assert_int_equal(count_op(m, OP_COPY), 1);
    assert_int_equal(count_op(m, OP_JUMP_IF_FALSE_OR_POP), 1);
    compiled_free(&c);
}

static void test_compiler_evaluates_subscript_once_in_augmented_assignment(void **state) {
    (void)state;
    Compiled c = compile_ok("a[f()] += 1\n");
    const ObjCode *m = c.program->codes[0];
    assert_int_equal(count_op(m, OP_CALL), 1);
    assert_int_equal(count_op(m, OP_BINARY_SUBSCR), 1);
    assert_int_equal(count_op(m, OP_STORE_SUBSCR), 1);
    compiled_free(&c);
}

static void test_compiler_passes_print_keywords_as_a_constant_tuple(void **state) {
    (void)state;
    Compiled c = compile_ok("print(1, 2, sep='-', end='')\n");
    const ObjCode *m = c.program->codes[0];
    int64_t call = find_op(m, OP_CALL_KW, 0);
    assert_true(call > 0);
    assert_int_equal(read_operand(&m->code[call + 1]), 4);
    uint32_t names = read_operand(&m->code[call - 4]);
    assert_true(IS_TUPLE(m->consts[names]));
    assert_int_equal(AS_TUPLE(m->consts[names])->count, 2);
    compiled_free(&c);
}

static void test_compiler_calls_methods_with_load_method(void **state) {
    (void)state;
    Compiled c = compile_ok("a = []\na.append(1)\nimport math\nx = math.pi\n");
    const ObjCode *m = c.program->codes[0];
    assert_int_equal(count_op(m, OP_LOAD_METHOD), 1);
    assert_int_equal(count_op(m, OP_CALL_METHOD), 1);
    assert_int_equal(count_op(m, OP_LOAD_ATTR), 1);
    compiled_free(&c);
}

/* --- Line table --------------------------------------------------------------------------------------- */

static void test_compiler_gives_each_instruction_its_source_line(void **state) {
    (void)state;
    Compiled c = compile_ok("x = 1\n\ny = (2 +\n     z)\n");
    const ObjCode *m = c.program->codes[0];
    assert_int_equal(code_line_at(m, (uint32_t)find_op(m, OP_STORE_GLOBAL, 0)), 1);
    assert_int_equal(code_line_at(m, (uint32_t)find_op(m, OP_LOAD_GLOBAL, 0)), 4); /* z, on its own line */
    assert_int_equal(code_line_at(m, (uint32_t)find_op(m, OP_BINARY_OP, 0)), 3);
    assert_int_equal(code_line_at(m, (uint32_t)find_op(m, OP_STORE_GLOBAL, 1)), 3);
    compiled_free(&c);
}

static void test_compiler_folds_minus_into_the_smallest_int(void **state) {
    (void)state;
    Compiled c = compile_ok("x = -9223372036854775808\n");
    const ObjCode *m = c.program->codes[0];
    assert_int_equal(count_op(m, OP_UNARY_NEGATIVE), 0);
    assert_true(IS_INT(m->consts[0]) && AS_INT(m->consts[0]) == INT64_MIN);
    compiled_free(&c);
}

/* --- Errors ------------------------------------------------------------------------------------------- */

static void test_compiler_names_unsupported_construct_and_location(void **state) {
    (void)state;
    assert_compile_error("x = 1\nclass A:\n    pass\n",
                         "prog.py:2:1: error: class definitions are not supported by cpvm\nclass A:\n^");
    assert_compile_error("def f():\n    return {}\n",
                         "prog.py:2:12: error: dicts are not supported by cpvm\n    return {}\n           ^");
}

static void test_compiler_counts_error_columns_in_characters(void **state) {
    (void)state;
    assert_compile_error("s = 'é' + [x for x in y]\n",
                         "prog.py:1:14: error: list comprehensions are not supported by cpvm\n"
                         "s = 'é' + [x for x in y]\n             ^");
}

static void test_compiler_reports_syntax_error_with_caret(void **state) {
    (void)state;
    assert_compile_error("if x > 1\n    pass\n", "prog.py:1:9: error: expected ':'\nif x > 1\n        ^");
    assert_compile_error("x = (1 +\n  2\ny = 3\n", "prog.py:1:5: error: '(' was never closed\nx = (1 +\n    ^");
}

static void test_compiler_rejects_break_outside_loop(void **state) {
    (void)state;
    assert_compile_error("def f():\n    break\n", "prog.py:2:5: error: 'break' outside loop\n    break\n    ^");
}

static char *repeat(const char *prefix, const char *unit, int count, const char *suffix) {
    size_t n = strlen(prefix) + strlen(unit) * (size_t)count + strlen(suffix) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    strcpy(s, prefix);
    for (int i = 0; i < count; i++) strcat(s, unit);
    strcat(s, suffix);
    return s;
}

static void test_compiler_rejects_ten_thousand_nested_brackets(void **state) {
    (void)state;
    char *open = repeat("x = ", "[", 10000, "");
    char *source = repeat(open, "]", 10000, "\n");
    Compiled c = compile(source);
    assert_null(c.program);
    assert_non_null(strstr(c.error, "prog.py:1:205: error: too many nested parentheses"));
    compiled_free(&c);
    free(open);
    free(source);
}

static void test_compiler_rejects_deep_expressions_without_overflowing(void **state) {
    (void)state;
    const char *units[] = {"-", "not ", "~"};
    for (int i = 0; i < 3; i++) {
        char *source = repeat("x = ", units[i], 100000, "1\n");
        Compiled c = compile(source);
        assert_null(c.program);
        assert_non_null(strstr(c.error, "expression too complex"));
        compiled_free(&c);
        free(source);
    }
    char *terms = repeat("x = 1", "+1", 100000, "\n");
    Compiled c = compile(terms);
    assert_null(c.program);
    assert_non_null(strstr(c.error, "expression too complex"));
    compiled_free(&c);
    free(terms);
}

static void test_compiler_accepts_expressions_below_the_depth_limit(void **state) {
    (void)state;
    char *terms = repeat("x = 1", "+1", 900, "\n");
    Compiled c = compile_ok(terms);
    assert_int_equal(count_op(c.program->codes[0], OP_BINARY_OP), 900);
    compiled_free(&c);
    free(terms);
}

static void test_compiler_rejects_source_that_is_not_utf8(void **state) {
    (void)state;
    Compiled c = compile("x = 1\ns = '\xff'\n");
    assert_null(c.program);
    assert_non_null(strstr(c.error, "prog.py:2:1: error: source is not valid UTF-8"));
    compiled_free(&c);
}

static void test_compiler_keeps_program_alive_across_collections(void **state) {
    (void)state;
    Compiled c = compile_ok("def f(s='default'):\n    return s + 'x'\n");
    gc_collect(c.vm);
    const ObjCode *f = c.program->codes[1];
    assert_string_equal(f->name->chars, "f");
    assert_true(IS_STRING(c.program->codes[0]->consts[0]));
    assert_string_equal(AS_STRING(c.program->codes[0]->consts[0])->chars, "default");
    compiled_free(&c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compiler_puts_module_body_first_and_each_def_after),
        cmocka_unit_test(test_compiler_makes_parameters_the_first_locals),
        cmocka_unit_test(test_compiler_stores_globals_declared_in_a_function_as_globals),
        cmocka_unit_test(test_compiler_ends_every_path_in_return_value),
        cmocka_unit_test(test_compiler_drops_code_after_return),
        cmocka_unit_test(test_compiler_closes_loops_with_jump_backward),
        cmocka_unit_test(test_compiler_pops_the_iterator_when_breaking_out_of_a_for_loop),
        cmocka_unit_test(test_compiler_needs_no_test_for_while_true),
        cmocka_unit_test(test_compiler_evaluates_chained_comparison_operands_once),
        cmocka_unit_test(test_compiler_evaluates_subscript_once_in_augmented_assignment),
        cmocka_unit_test(test_compiler_passes_print_keywords_as_a_constant_tuple),
        cmocka_unit_test(test_compiler_calls_methods_with_load_method),
        cmocka_unit_test(test_compiler_gives_each_instruction_its_source_line),
        cmocka_unit_test(test_compiler_folds_minus_into_the_smallest_int),
        cmocka_unit_test(test_compiler_names_unsupported_construct_and_location),
        cmocka_unit_test(test_compiler_counts_error_columns_in_characters),
        cmocka_unit_test(test_compiler_reports_syntax_error_with_caret),
        cmocka_unit_test(test_compiler_rejects_break_outside_loop),
        cmocka_unit_test(test_compiler_rejects_ten_thousand_nested_brackets),
        cmocka_unit_test(test_compiler_rejects_deep_expressions_without_overflowing),
        cmocka_unit_test(test_compiler_accepts_expressions_below_the_depth_limit),
        cmocka_unit_test(test_compiler_rejects_source_that_is_not_utf8),
        cmocka_unit_test(test_compiler_keeps_program_alive_across_collections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
