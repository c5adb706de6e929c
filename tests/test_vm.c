/* test_vm.c: the VM as a whole: running programs, errors and tracebacks, recursion, the GC, and several
 * VMs in one process. Programs are written in assembly (asm.c) so these tests do not need the compiler. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "bytecode/asm.h"
#include "ops/runtime.h"
#include "core/vm.h"

/* The outcome of running one program: its stdout, its error text, and whether it succeeded. */
typedef struct {
    char *out;
    size_t out_size;
    char *err;
    size_t err_size;
    bool ok;
} RunResult;

static void run_result_free(RunResult *r) {
    free(r->out);
    free(r->err);
}

/* Assembles and runs [source] in a fresh VM with [options] (NULL: defaults); when [text_path] is given,
 * the VM first remembers [text] as the compiled source of that path (as compiler_compile does). */
static RunResult run_asm_remembering(const char *source, VmOptions *options, const char *text_path, const char *text) {
    RunResult r = {0};
    FILE *out = open_memstream(&r.out, &r.out_size);
    FILE *err = open_memstream(&r.err, &r.err_size);
    VmOptions defaults;
    vm_options_default(&defaults);
    if (options == NULL) options = &defaults;
    options->out = out;
    Vm *vm = vm_new(options);
    assert_non_null(vm);
    if (text_path != NULL) assert_true(vm_remember_source(vm, text_path, text, strlen(text)));
    char error[512];
    Program *program = asm_assemble(vm, source, strlen(source), "test.cpasm", error, sizeof error);
    if (program == NULL) fail_msg("assembly failed: %s", error);
    assert_true(vm_link(vm, program));
    r.ok = vm_run(vm);
    if (!r.ok) vm_print_error(vm, err);
    vm_free(vm);
    fclose(out);
    fclose(err);
    return r;
}

static RunResult run_asm_with(const char *source, VmOptions *options) {
    return run_asm_remembering(source, options, NULL, NULL);
}

static RunResult run_asm(const char *source) { return run_asm_with(source, NULL); }

static const char divide_by_zero[] =
    ".source \"div.py\"\n"
    ".function <module>\n"
    ".line 1\n LOAD_CONST @f\n MAKE_FUNCTION 0\n STORE_GLOBAL f\n"
    ".line 4\n LOAD_GLOBAL f\n LOAD_CONST 7\n CALL 1\n POP_TOP\n LOAD_CONST None\n RETURN_VALUE\n"
    ".function f params=1\n .locals n\n"
    ".line 2\n LOAD_FAST n\n LOAD_CONST 0\n BINARY_OP //\n RETURN_VALUE\n";

static void test_runtime_error_prints_python_traceback(void **state) {
    (void)state;
    RunResult r = run_asm(divide_by_zero);
    assert_false(r.ok);
    assert_string_equal(r.err, "Traceback (most recent call last):\n"
                               "  File \"div.py\", line 4, in <module>\n"
                               "  File \"div.py\", line 2, in f\n"
                               "ZeroDivisionError: integer division or modulo by zero\n");
    run_result_free(&r);
}

/* Source lines come from the text the VM compiled, never from a file the bytecode names. */
static void test_traceback_shows_lines_of_the_source_the_vm_compiled(void **state) {
    (void)state;
    RunResult r = run_asm_remembering(divide_by_zero, NULL, "div.py", "def f(n):\n    return n // 0\n\nf(7)\n");
    assert_false(r.ok);
    assert_string_equal(r.err, "Traceback (most recent call last):\n"
                               "  File \"div.py\", line 4, in <module>\n"
                               "    f(7)\n"
                               "  File \"div.py\", line 2, in f\n"
                               "    return n // 0\n"
                               "ZeroDivisionError: integer division or modulo by zero\n");
    run_result_free(&r);
}

static void test_traceback_never_reads_the_file_a_bytecode_names(void **state) {
    (void)state;
    char path[] = "/tmp/cpvm-test-vm-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char secret[] = "secret line 1\nsecret line 2\n";
    assert_int_equal(write(fd, secret, sizeof secret - 1), (ssize_t)(sizeof secret - 1));
    close(fd);
    char program[512];
    snprintf(program, sizeof program,
             ".source \"%s\"\n.function <module>\n.line 2\n LOAD_CONST 1\n LOAD_CONST 0\n BINARY_OP /\n"
             " RETURN_VALUE\n", path);
    RunResult r = run_asm(program);
    unlink(path);
    assert_false(r.ok);
    assert_null(strstr(r.err, "secret"));
    assert_non_null(strstr(r.err, "ZeroDivisionError: division by zero\n"));
    run_result_free(&r);
}

static const char endless_recursion[] =
    ".source \"rec.py\"\n"
    ".function <module>\n"
    ".line 1\n LOAD_CONST @f\n MAKE_FUNCTION 0\n STORE_GLOBAL f\n"
    ".line 5\n LOAD_GLOBAL f\n LOAD_CONST 0\n CALL 1\n RETURN_VALUE\n"
    ".function f params=1\n .locals n\n"
    ".line 2\n LOAD_GLOBAL f\n LOAD_FAST n\n LOAD_CONST 1\n BINARY_OP +\n CALL 1\n RETURN_VALUE\n";

static void test_deep_recursion_raises_recursion_error_at_the_limit(void **state) {
    (void)state;
    RunResult r = run_asm(endless_recursion);
    assert_false(r.ok);
    /* 1000 frames: <module> plus 999 calls of f, printed as three lines and a fold, as CPython does. */
    assert_non_null(strstr(r.err, "  [Previous line repeated 996 more times]\n"));
    assert_non_null(strstr(r.err, "RecursionError: maximum recursion depth exceeded\n"));
    run_result_free(&r);
}

static void test_recursion_limit_option_changes_the_depth(void **state) {
    (void)state;
    VmOptions options;
    vm_options_default(&options);
    options.recursion_limit = 50;
    RunResult r = run_asm_with(endless_recursion, &options);
    assert_false(r.ok);
    assert_non_null(strstr(r.err, "[Previous line repeated 46 more times]"));
    run_result_free(&r);
}

static void test_very_high_recursion_limit_still_ends_in_recursion_error(void **state) {
    (void)state;
    VmOptions options;
    vm_options_default(&options);
    options.recursion_limit = 10000000; /* the value stack runs out first: still a clean error */
    RunResult r = run_asm_with(endless_recursion, &options);
    assert_false(r.ok);
    assert_non_null(strstr(r.err, "RecursionError: maximum recursion depth exceeded\n"));
    run_result_free(&r);
}

/* Builds a 1000-element list 3000 times, keeping only a running sum of lengths. */
static const char list_churn[] =
    ".function <module>\n"
    " .locals\n"
    " LOAD_CONST 0\n STORE_GLOBAL total\n"
    " LOAD_GLOBAL range\n LOAD_CONST 3000\n CALL 1\n GET_ITER\n"
    "loop:\n FOR_ITER done\n POP_TOP\n"
    " LOAD_CONST 0\n BUILD_LIST 1\n LOAD_CONST 1000\n BINARY_OP *\n"
    " LOAD_GLOBAL len\n SWAP 2\n CALL 1\n"
    " LOAD_GLOBAL total\n BINARY_OP +\n STORE_GLOBAL total\n JUMP_BACKWARD loop\n"
    "done:\n LOAD_GLOBAL print\n LOAD_GLOBAL total\n CALL 1\n POP_TOP\n LOAD_CONST None\n RETURN_VALUE\n";

static void test_garbage_is_collected_and_live_values_survive(void **state) {
    (void)state;
    RunResult r = run_asm(list_churn);
    assert_true(r.ok);
    assert_string_equal(r.out, "3000000\n");
    run_result_free(&r);
}

static void test_gc_stress_collects_at_every_allocation_without_changing_results(void **state) {
    (void)state;
    setenv("CPVM_GC_STRESS", "1", 1);
    RunResult r = run_asm(list_churn);
    unsetenv("CPVM_GC_STRESS");
    assert_true(r.ok);
    assert_string_equal(r.out, "3000000\n");
    run_result_free(&r);
}

static void test_max_memory_turns_a_huge_list_into_memory_error(void **state) {
    (void)state;
    VmOptions options;
    vm_options_default(&options);
    options.max_memory = 16u << 20;
    RunResult r = run_asm_with(".function <module>\n"
                               ".line 1\n LOAD_CONST 0\n BUILD_LIST 1\n LOAD_CONST 100000000\n BINARY_OP *\n"
                               " RETURN_VALUE\n",
                               &options);
    assert_false(r.ok);
    assert_non_null(strstr(r.err, "MemoryError"));
    run_result_free(&r);
}

static void test_two_vms_in_one_process_keep_separate_globals(void **state) {
    (void)state;
    static const char set_and_print[] = ".function <module>\n"
                                        " LOAD_GLOBAL x\n LOAD_CONST 1\n BINARY_OP +\n STORE_GLOBAL x\n"
                                        " LOAD_GLOBAL print\n LOAD_GLOBAL x\n CALL 1\n RETURN_VALUE\n";
    static const char define_x[] = ".function <module>\n LOAD_CONST 41\n STORE_GLOBAL x\n"
                                   " LOAD_GLOBAL print\n LOAD_GLOBAL x\n CALL 1\n RETURN_VALUE\n";
    RunResult first = run_asm(define_x);
    RunResult second = run_asm(set_and_print); /* x is unset in this VM */
    assert_true(first.ok);
    assert_string_equal(first.out, "41\n");
    assert_false(second.ok);
    assert_non_null(strstr(second.err, "NameError: name 'x' is not defined"));
    run_result_free(&first);
    run_result_free(&second);
}

static void test_unbound_local_names_the_variable(void **state) {
    (void)state;
    RunResult r = run_asm(".function <module>\n LOAD_CONST @f\n MAKE_FUNCTION 0\n CALL 0\n RETURN_VALUE\n"
                          ".function f\n .locals y\n .line 3\n LOAD_FAST y\n RETURN_VALUE\n");
    assert_false(r.ok);
    assert_non_null(strstr(r.err, "UnboundLocalError: cannot access local variable 'y' where it is not "
                                  "associated with a value\n"));
    run_result_free(&r);
}

static void test_wrong_argument_count_gives_cpython_message(void **state) {
    (void)state;
    RunResult r = run_asm(".function <module>\n LOAD_CONST @f\n MAKE_FUNCTION 0\n LOAD_CONST 1\n CALL 1\n"
                          " RETURN_VALUE\n"
                          ".function f params=2\n .locals a, b\n LOAD_FAST a\n RETURN_VALUE\n");
    assert_false(r.ok);
    assert_non_null(strstr(r.err, "TypeError: f() missing 1 required positional argument: 'b'\n"));
    run_result_free(&r);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_runtime_error_prints_python_traceback),
        cmocka_unit_test(test_traceback_shows_lines_of_the_source_the_vm_compiled),
        cmocka_unit_test(test_traceback_never_reads_the_file_a_bytecode_names),
        cmocka_unit_test(test_deep_recursion_raises_recursion_error_at_the_limit),
        cmocka_unit_test(test_recursion_limit_option_changes_the_depth),
        cmocka_unit_test(test_very_high_recursion_limit_still_ends_in_recursion_error),
        cmocka_unit_test(test_garbage_is_collected_and_live_values_survive),
        cmocka_unit_test(test_gc_stress_collects_at_every_allocation_without_changing_results),
        cmocka_unit_test(test_max_memory_turns_a_huge_list_into_memory_error),
        cmocka_unit_test(test_two_vms_in_one_process_keep_separate_globals),
        cmocka_unit_test(test_unbound_local_names_the_variable),
        cmocka_unit_test(test_wrong_argument_count_gives_cpython_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
