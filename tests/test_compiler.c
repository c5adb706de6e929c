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

#include "api/cpvm.h"
#include "objects/object.h"
#include "compiler/compiler.h"
#include "bytecode/opcodes.h"
#include "bytecode/verify.h"
#include "bytecode/walk.h"

typedef struct {
    Vm *vm;
    Program *program;
    char error[2048];
} Compiled;

static Compiled compile_bytes(const char *source, size_t length) {
    Compiled c = {0};
    VmOptions options;
    vm_options_default(&options);
    c.vm = vm_new(&options);
    assert_non_null(c.vm);
    c.program = compiler_compile(c.vm, source, length, "prog.py", c.error, sizeof c.error);
    return c;
}

static Compiled compile(const char *source) { return compile_bytes(source, strlen(source)); }

static Compiled compile_ok(const char *source) {
    Compiled c = compile(source);
    if (c.program == NULL) fail_msg("compile failed: %s", c.error);
    return c;
}

static void compiled_free(Compiled *c) { vm_free(c->vm); }

/* Asserts that compiling [length] bytes of [source] fails with [expected] as the whole error text. */
static void assert_compile_error_bytes(const char *source, size_t length, const char *expected) {
    Compiled c = compile_bytes(source, length);
    assert_null(c.program);
    assert_string_equal(c.error, expected);
    compiled_free(&c);
}

static void assert_compile_error(const char *source, const char *expected) {
    assert_compile_error_bytes(source, strlen(source), expected);
}

/* The operand whose first byte is at [p]. */
static uint32_t read_operand(const uint8_t *p) { return bytecode_u32_le(p); }

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
    assert_compile_error("def f():\n    async def g():\n        pass\n",
                         "prog.py:2:5: error: async functions are not supported by cpvm\n"
                         "    async def g():\n    ^");
}

static void test_compiler_counts_error_columns_in_characters(void **state) {
    (void)state;
    assert_compile_error("s = 'é' + (1 @ 2)\n",
                         "prog.py:1:14: error: the @ operator is not supported by cpvm\n"
                         "s = 'é' + (1 @ 2)\n             ^");
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

/* --- The lexer: what CPython 3.11's tokenizer refuses, with its messages ------------------------------ */

static void test_lexer_refuses_nul_bytes_in_strings(void **state) {
    (void)state;
    static const char source[] = "x = 1\ns = 'a\0b'\nprint(s)\n";
    /* The line shown stops at the NUL; the caret points at it. */
    assert_compile_error_bytes(source, sizeof source - 1,
                               "prog.py:2:7: error: source code cannot contain null bytes\ns = 'a\n      ^");
    static const char triple[] = "s = \"\"\"a\nb\0\"\"\"\n";
    assert_compile_error_bytes(triple, sizeof triple - 1,
                               "prog.py:2:2: error: source code cannot contain null bytes\nb\n ^");
}

static void test_lexer_refuses_nul_bytes_in_comments(void **state) {
    (void)state;
    static const char source[] = "x = 1  # a\0b\ny = 2\n";
    assert_compile_error_bytes(source, sizeof source - 1,
                               "prog.py:1:11: error: source code cannot contain null bytes\nx = 1  # a\n          ^");
    static const char alone[] = "x = 1\n\n# \0\ny = 2\n"; /* a comment-only line, skipped like a blank one */
    assert_compile_error_bytes(alone, sizeof alone - 1,
                               "prog.py:3:3: error: source code cannot contain null bytes\n# \n  ^");
}

static void test_lexer_raises_tab_error_for_indentation_that_depends_on_the_tab_size(void **state) {
    (void)state;
    /* Eight spaces, then a tab: level at tab size 8, deeper at tab size 1. */
    assert_compile_error("if x:\n        y = 1\n\ty = 2\n",
                         "prog.py:3:2: error: inconsistent use of tabs and spaces in indentation\n\ty = 2\n\t^");
    /* Four spaces, then a tab: deeper at tab size 8, shallower at tab size 1. */
    assert_compile_error("if x:\n    y = 1\n\ty = 2\n",
                         "prog.py:3:2: error: inconsistent use of tabs and spaces in indentation\n\ty = 2\n\t^");
    /* A dedent to a level that matches at tab size 8 only. */
    assert_compile_error("if x:\n\tif y:\n\t\tz = 1\n        z = 2\n",
                         "prog.py:4:9: error: inconsistent use of tabs and spaces in indentation\n"
                         "        z = 2\n        ^");
    /* Tabs and spaces mixed the same way on every line are consistent. */
    Compiled c = compile_ok("if x:\n \ty = 1\n \tif y:\n \t\tz = 2\n \ty = 3\n");
    compiled_free(&c);
}

static void test_lexer_refuses_an_emoji_in_a_name(void **state) {
    (void)state;
    assert_compile_error("x = 1\ny = \xF0\x9F\x98\x80 + 1\n",
                         "prog.py:2:5: error: invalid character '\xF0\x9F\x98\x80' (U+1F600)\n"
                         "y = \xF0\x9F\x98\x80 + 1\n    ^");
    assert_compile_error("ab\xF0\x9F\x98\x80" "cd = 1\n",
                         "prog.py:1:3: error: invalid character '\xF0\x9F\x98\x80' (U+1F600)\n"
                         "ab\xF0\x9F\x98\x80" "cd = 1\n  ^");
}

static void test_lexer_refuses_a_line_separator_where_a_name_could_start(void **state) {
    (void)state;
    assert_compile_error("y =\xE2\x80\xA8 1\n",
                         "prog.py:1:4: error: invalid non-printable character U+2028\ny =\xE2\x80\xA8 1\n   ^");
}

static void test_lexer_refuses_a_second_byte_order_mark(void **state) {
    (void)state;
    assert_compile_error("\xEF\xBB\xBFx = 1\n\xEF\xBB\xBFy = 2\n",
                         "prog.py:2:1: error: invalid non-printable character U+FEFF\n\xEF\xBB\xBFy = 2\n^");
    assert_compile_error("\xEF\xBB\xBF\xEF\xBB\xBFy = 2\n",
                         "prog.py:1:1: error: invalid non-printable character U+FEFF\n\xEF\xBB\xBFy = 2\n^");
}

static void test_lexer_refuses_non_identifier_characters_after_the_first(void **state) {
    (void)state;
    /* Superscript two is not XID_Continue; an Arabic-Indic digit is XID_Continue but not XID_Start. */
    assert_compile_error("x\xC2\xB2 = 4\n", "prog.py:1:2: error: invalid character '\xC2\xB2' (U+00B2)\n"
                                            "x\xC2\xB2 = 4\n ^");
    assert_compile_error("\xD9\xA1 = 3\n", "prog.py:1:1: error: invalid character '\xD9\xA1' (U+0661)\n"
                                           "\xD9\xA1 = 3\n^");
    Compiled c = compile_ok("x\xD9\xA1 = 3\n");
    compiled_free(&c);
}

/* [n] nested if statements and a pass in the innermost. */
static char *nested_blocks(int n) {
    char *source = malloc((size_t)(n + 1) * (size_t)(n + 10));
    assert_non_null(source);
    size_t at = 0;
    for (int i = 0; i <= n; i++) at += (size_t)sprintf(source + at, "%*s%s\n", i, "", i < n ? "if x:" : "pass");
    return source;
}

/* CPython's indentation stack holds 100 levels counting the unindented top level: 99 nested blocks. */
static void test_lexer_allows_100_indentation_levels_and_refuses_101_as_cpython(void **state) {
    (void)state;
    char *deepest = nested_blocks(99);
    Compiled c = compile_ok(deepest);
    compiled_free(&c);
    free(deepest);
    char *too_deep = nested_blocks(100);
    c = compile(too_deep);
    assert_null(c.program);
    assert_non_null(strstr(c.error, "prog.py:101:101: error: too many levels of indentation\n"));
    compiled_free(&c);
    free(too_deep);
}

static void test_lexer_makes_nfkc_equal_names_one_name(void **state) {
    (void)state;
    /* U+FB01 (the ligature "fi") is NFKC "fi": the parameter is the local that the body reads. */
    Compiled c = compile_ok("def f(\xEF\xAC\x81):\n    return fi\n");
    const ObjCode *f = c.program->codes[1];
    assert_int_equal(f->nlocals, 1);
    assert_string_equal(f->local_names[0]->chars, "fi");
    assert_int_equal(count_op(f, OP_LOAD_GLOBAL), 0);
    compiled_free(&c);
    /* Fullwidth letters: one global "x", and print is the builtin. */
    c = compile_ok("\xEF\xBD\x98 = 3\n\xEF\xBD\x90\xEF\xBD\x92\xEF\xBD\x89\xEF\xBD\x8E\xEF\xBD\x94(x)\n");
    const ObjCode *m = c.program->codes[0];
    assert_int_equal(m->nnames, 2);
    assert_string_equal(m->names[0]->chars, "x");
    assert_string_equal(m->names[1]->chars, "print");
    compiled_free(&c);
}

static void test_lexer_accepts_non_ascii_identifiers(void **state) {
    (void)state;
    Compiled c = compile_ok("def f(caf\xC3\xA9, \xCF\x80" "2):\n    return caf\xC3\xA9 + \xCF\x80" "2\n");
    const ObjCode *f = c.program->codes[1];
    assert_int_equal(f->nlocals, 2);
    assert_string_equal(f->local_names[0]->chars, "caf\xC3\xA9");
    assert_string_equal(f->local_names[1]->chars, "\xCF\x80" "2");
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
        cmocka_unit_test(test_lexer_refuses_nul_bytes_in_strings),
        cmocka_unit_test(test_lexer_refuses_nul_bytes_in_comments),
        cmocka_unit_test(test_lexer_raises_tab_error_for_indentation_that_depends_on_the_tab_size),
        cmocka_unit_test(test_lexer_refuses_an_emoji_in_a_name),
        cmocka_unit_test(test_lexer_refuses_a_line_separator_where_a_name_could_start),
        cmocka_unit_test(test_lexer_refuses_a_second_byte_order_mark),
        cmocka_unit_test(test_lexer_refuses_non_identifier_characters_after_the_first),
        cmocka_unit_test(test_lexer_allows_100_indentation_levels_and_refuses_101_as_cpython),
        cmocka_unit_test(test_lexer_makes_nfkc_equal_names_one_name),
        cmocka_unit_test(test_lexer_accepts_non_ascii_identifiers),
        cmocka_unit_test(test_compiler_keeps_program_alive_across_collections),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
