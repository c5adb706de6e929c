/* test_arith.c: Python's operators on cpvm values (vm/ops/arith.c): int overflow edges, floor division and
 * modulo signs, zero division messages, sequence arithmetic, comparisons, truthiness and `in`.
 *
 * Every check_* line is also valid Python; each was run through python3.11 (defining I, F, S, L, T, R, the
 * NB_/CMP_ names and the check functions) to confirm the expected results and messages are CPython's own.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "ops/runtime.h"

#include "value_fixture.h"
static void assert_repr(Value v, const char *expected) {
    StrBuf b;
    strbuf_init(&b);
    assert_true(value_write_repr(vm, &b, v));
    assert_string_equal(b.chars, expected);
    strbuf_free(vm, &b);
}

static void check_binop(int op, Value a, Value b, const char *expected_repr) {
    Value r;
    if (!rt_binary_op(vm, op, a, b, &r)) fail_msg("%s failed: %s", binary_op_symbols[op], vm->exc_message);
    assert_repr(keep(r), expected_repr);
}

static void check_binop_error(int op, Value a, Value b, ExcType type, const char *message) {
    Value r;
    assert_false(rt_binary_op(vm, op, a, b, &r));
    assert_error(type, message);
}

/* An int result past int64 is a big int (objects/bigint.h); one back in range is a VAL_INT again. */
static void check_promotes(int op, Value a, Value b, const char *expected_repr) {
    Value r;
    if (!rt_binary_op(vm, op, a, b, &r)) fail_msg("%s failed: %s", binary_op_symbols[op], vm->exc_message);
    assert_true(IS_BIGINT(r));
    assert_repr(keep(r), expected_repr);
}

static void check_compare(int op, Value a, Value b, bool expected) {
    Value r;
    if (!rt_compare(vm, op, a, b, &r)) fail_msg("compare failed: %s", vm->exc_message);
    assert_true(IS_BOOL(r));
    assert_int_equal(AS_BOOL(r), expected);
}

static void check_compare_error(int op, Value a, Value b, ExcType type, const char *message) {
    Value r;
    assert_false(rt_compare(vm, op, a, b, &r));
    assert_error(type, message);
}

static void check_contains(Value item, Value container, bool expected) {
    int found = rt_contains(vm, item, container);
    if (found < 0) fail_msg("contains failed: %s", vm->exc_message);
    assert_int_equal(found, expected);
}

static void check_contains_error(Value item, Value container, ExcType type, const char *message) {
    assert_int_equal(rt_contains(vm, item, container), -1);
    assert_error(type, message);
}

/* --- Ints ---------------------------------------------------------------------------------------------- */

static void test_int_results_past_int64_become_big_ints(void **state) {
    (void)state;
    check_promotes(NB_ADD, I(INT64_MAX), I(1), "9223372036854775808");
    check_promotes(NB_SUBTRACT, I(INT64_MIN), I(1), "-9223372036854775809");
    check_promotes(NB_MULTIPLY, I(INT64_MAX), I(2), "18446744073709551614");
    check_promotes(NB_MULTIPLY, I(INT64_MIN), I(-1), "9223372036854775808");
    check_promotes(NB_FLOOR_DIVIDE, I(INT64_MIN), I(-1), "9223372036854775808");
    check_promotes(NB_POWER, I(2), I(63), "9223372036854775808");
    check_promotes(NB_POWER, I(10), I(19), "10000000000000000000");
    check_promotes(NB_LSHIFT, I(1), I(63), "9223372036854775808");
    check_promotes(NB_LSHIFT, I(1), I(64), "18446744073709551616");
    check_promotes(NB_LSHIFT, I(-2), I(63), "-18446744073709551616");
    check_promotes(NB_INPLACE_ADD, I(INT64_MAX), True, "9223372036854775808");
}

static void test_big_results_back_in_int64_range_are_inline_ints(void **state) {
    (void)state;
    Value big;
    assert_true(rt_binary_op(vm, NB_ADD, I(INT64_MAX), I(1), &big));
    keep(big);
    Value r;
    assert_true(rt_binary_op(vm, NB_SUBTRACT, big, I(1), &r));
    assert_true(IS_INT(r));
    assert_int_equal(AS_INT(r), INT64_MAX);
    assert_true(rt_unary_negative(vm, big, &r));
    assert_true(IS_INT(r));
    assert_int_equal(AS_INT(r), INT64_MIN);
    assert_true(rt_binary_op(vm, NB_FLOOR_DIVIDE, big, I(2), &r));
    assert_true(IS_INT(r));
    assert_int_equal(AS_INT(r), (int64_t)1 << 62);
}

static void test_int_results_at_the_int64_edges_are_exact(void **state) {
    (void)state;
    check_binop(NB_ADD, I(INT64_MAX - 1), I(1), "9223372036854775807");
    check_binop(NB_SUBTRACT, I(INT64_MIN + 1), I(1), "-9223372036854775808");
    check_binop(NB_POWER, I(2), I(62), "4611686018427387904");
    check_binop(NB_POWER, I(-2), I(63), "-9223372036854775808");
    check_binop(NB_POWER, I(-1), I(INT64_MAX), "-1");
    check_binop(NB_POWER, I(0), I(0), "1");
    check_binop(NB_LSHIFT, I(-1), I(63), "-9223372036854775808");
    check_binop(NB_LSHIFT, I(1), I(62), "4611686018427387904");
    check_binop(NB_LSHIFT, I(0), I(1000), "0");
    check_binop(NB_RSHIFT, I(INT64_MIN), I(63), "-1");
    check_binop(NB_RSHIFT, I(-5), I(1000), "-1");
    check_binop(NB_RSHIFT, I(5), I(1000), "0");
    check_binop(NB_FLOOR_DIVIDE, I(INT64_MAX), I(-1), "-9223372036854775807");
    check_binop(NB_REMAINDER, I(INT64_MIN), I(-1), "0");
    check_binop(NB_FLOOR_DIVIDE, I(INT64_MIN), I(2), "-4611686018427387904");
}

/* The int a decimal literal spells, kept alive for the rest of the test. */
static Value big(const char *digits) {
    Value v;
    if (!bigint_parse_literal(vm, digits, strlen(digits), &v)) fail_msg("%s", vm->exc_message);
    return keep(v);
}

static int64_t hash_of(Value v) {
    uint64_t h;
    assert_true(value_hash(vm, v, &h));
    return (int64_t)h;
}

/* CPython hashes ints by value mod 2**61 - 1 with the sign, -1 becoming -2; a float of the same value
 * hashes alike. (Values from python3.11.) */
static void test_big_ints_hash_as_cpython(void **state) {
    (void)state;
    assert_int_equal(hash_of(big("18446744073709551616")), 8);
    assert_int_equal(hash_of(big("-18446744073709551616")), -8);
    assert_int_equal(hash_of(big("1267650600228229401496703205376")), 549755813888);
    assert_int_equal(hash_of(big("147808829414345923316083210206383297601")), 1621833479614294590);
    assert_int_equal(hash_of(big("-2361183241434822605825")), -2);
    assert_int_equal(hash_of(big("5316911983139663491615228241121378303")), 0);
    assert_int_equal(hash_of(big("18446744073709551616")), hash_of(float_value(18446744073709551616.0)));
}

static void test_big_ints_compare_exactly_with_floats_and_ints(void **state) {
    (void)state;
    Value two64 = big("18446744073709551616"), above = big("18446744073709551617");
    check_compare(CMP_EQ, two64, float_value(18446744073709551616.0), true);
    check_compare(CMP_GT, above, float_value(18446744073709551616.0), true); /* the float rounds; == would not */
    check_compare(CMP_LT, two64, float_value(INFINITY), true);
    check_compare(CMP_NE, two64, float_value(NAN), true);
    check_compare(CMP_LT, two64, float_value(NAN), false);
    check_compare(CMP_GT, two64, I(INT64_MAX), true);
    check_compare(CMP_LT, big("-9223372036854775809"), I(INT64_MIN), true);
    check_compare(CMP_EQ, two64, above, false);
}

static void test_negating_int64_min_gives_a_big_int(void **state) {
    (void)state;
    Value r;
    assert_true(rt_unary_negative(vm, I(INT64_MIN), &r));
    assert_true(IS_BIGINT(r));
    assert_repr(keep(r), "9223372036854775808");
    assert_true(rt_unary_negative(vm, I(INT64_MAX), &r));
    assert_int_equal(AS_INT(r), INT64_MIN + 1);
}

static void test_int_floor_division_and_modulo_take_the_divisors_sign(void **state) {
    (void)state;
    check_binop(NB_FLOOR_DIVIDE, I(-7), I(2), "-4");
    check_binop(NB_REMAINDER, I(-7), I(2), "1");
    check_binop(NB_FLOOR_DIVIDE, I(7), I(-2), "-4");
    check_binop(NB_REMAINDER, I(7), I(-2), "-1");
    check_binop(NB_FLOOR_DIVIDE, I(-7), I(-2), "3");
    check_binop(NB_REMAINDER, I(-7), I(-2), "-1");
    check_binop(NB_REMAINDER, I(6), I(-3), "0");
}

static void test_int_true_division_is_correctly_rounded(void **state) {
    (void)state;
    check_binop(NB_TRUE_DIVIDE, I(7), I(2), "3.5");
    check_binop(NB_TRUE_DIVIDE, I(0), I(-5), "-0.0");
    check_binop(NB_TRUE_DIVIDE, I(INT64_MAX), I(3), "3.0744573456182584e+18");
    check_binop(NB_TRUE_DIVIDE, I(INT64_MAX), I(-7), "-1.3176245766935393e+18");
    check_binop(NB_TRUE_DIVIDE, I(9007199254740993), I(1), "9007199254740992.0");
    check_binop(NB_TRUE_DIVIDE, I(9007199254740995), I(1), "9007199254740996.0");
    check_binop(NB_TRUE_DIVIDE, I(1), I(INT64_MIN), "-1.0842021724855044e-19");
}

static void test_int_power_with_negative_exponent_gives_float(void **state) {
    (void)state;
    check_binop(NB_POWER, I(2), I(-1), "0.5");
    check_binop(NB_POWER, I(-2), I(-1), "-0.5");
    check_binop(NB_POWER, I(10), I(-3), "0.001");
}

static void test_shift_by_negative_count_raises_value_error(void **state) {
    (void)state;
    check_binop_error(NB_LSHIFT, I(1), I(-1), EXC_VALUE_ERROR, "negative shift count");
    check_binop_error(NB_RSHIFT, I(1), I(-1), EXC_VALUE_ERROR, "negative shift count");
}

static void test_bools_act_as_ints_except_bitwise_on_two_bools(void **state) {
    (void)state;
    check_binop(NB_ADD, True, True, "2");
    check_binop(NB_AND, True, True, "True");
    check_binop(NB_OR, True, False, "True");
    check_binop(NB_XOR, True, True, "False");
    check_binop(NB_AND, True, I(3), "1");
    check_binop(NB_LSHIFT, True, I(1), "2");
    check_binop(NB_TRUE_DIVIDE, True, True, "1.0");
    check_binop(NB_MULTIPLY, F(1.5), True, "1.5");
}

static void test_division_by_zero_raises_cpython_messages(void **state) {
    (void)state;
    check_binop_error(NB_TRUE_DIVIDE, I(1), I(0), EXC_ZERO_DIVISION_ERROR, "division by zero");
    check_binop_error(NB_FLOOR_DIVIDE, I(1), I(0), EXC_ZERO_DIVISION_ERROR, "integer division or modulo by zero");
    check_binop_error(NB_REMAINDER, I(1), I(0), EXC_ZERO_DIVISION_ERROR, "integer modulo by zero");
    check_binop_error(NB_TRUE_DIVIDE, F(1.0), I(0), EXC_ZERO_DIVISION_ERROR, "float division by zero");
    check_binop_error(NB_TRUE_DIVIDE, I(1), F(0.0), EXC_ZERO_DIVISION_ERROR, "float division by zero");
    check_binop_error(NB_FLOOR_DIVIDE, F(1.0), F(0.0), EXC_ZERO_DIVISION_ERROR, "float floor division by zero");
    check_binop_error(NB_REMAINDER, F(1.0), F(-0.0), EXC_ZERO_DIVISION_ERROR, "float modulo");
    check_binop_error(NB_POWER, I(0), I(-1), EXC_ZERO_DIVISION_ERROR, "0.0 cannot be raised to a negative power");
    check_binop_error(NB_POWER, F(0.0), F(-0.5), EXC_ZERO_DIVISION_ERROR, "0.0 cannot be raised to a negative power");
    check_binop_error(NB_INPLACE_TRUE_DIVIDE, True, False, EXC_ZERO_DIVISION_ERROR, "division by zero");
}

/* --- Floats -------------------------------------------------------------------------------------------- */

static void test_float_floor_division_and_modulo_follow_python(void **state) {
    (void)state;
    check_binop(NB_FLOOR_DIVIDE, F(-7.5), I(2), "-4.0");
    check_binop(NB_REMAINDER, F(-7.5), I(2), "0.5");
    check_binop(NB_FLOOR_DIVIDE, F(7.5), F(-2.0), "-4.0");
    check_binop(NB_REMAINDER, F(7.5), I(-2), "-0.5");
    check_binop(NB_REMAINDER, F(-0.0), I(5), "0.0");
    check_binop(NB_REMAINDER, F(0.0), I(-5), "-0.0");
    check_binop(NB_REMAINDER, I(5), F(INFINITY), "5.0");
    check_binop(NB_REMAINDER, I(-5), F(INFINITY), "inf");
    check_binop(NB_FLOOR_DIVIDE, F(1.0), F(0.1), "9.0");
    check_binop(NB_REMAINDER, F(1.0), F(0.1), "0.09999999999999995");
    check_binop(NB_FLOOR_DIVIDE, F(-0.5), I(3), "-1.0");
    check_binop(NB_FLOOR_DIVIDE, F(0.5), I(-3), "-1.0");
    check_binop(NB_FLOOR_DIVIDE, F(0.0), I(-3), "-0.0");
}

static void test_mixed_int_and_float_arithmetic_gives_float(void **state) {
    (void)state;
    check_binop(NB_ADD, I(1), F(2.5), "3.5");
    check_binop(NB_SUBTRACT, F(0.1), I(1), "-0.9");
    check_binop(NB_MULTIPLY, I(3), F(0.1), "0.30000000000000004");
    check_binop(NB_TRUE_DIVIDE, F(1.0), I(3), "0.3333333333333333");
    check_binop(NB_POWER, I(2), F(0.5), "1.4142135623730951");
    check_binop(NB_POWER, F(-8.0), I(3), "-512.0");
    check_binop(NB_POWER, F(-2.0), F(-1.0), "-0.5");
    check_binop(NB_MULTIPLY, F(1e308), I(10), "inf");
}

static void test_float_power_overflow_raises_overflow_error(void **state) {
    (void)state;
    check_binop_error(NB_POWER, F(10.0), I(400), EXC_OVERFLOW_ERROR, "(34, 'Numerical result out of range')");
    check_binop_error(NB_POWER, I(2), F(1e5), EXC_OVERFLOW_ERROR, "(34, 'Numerical result out of range')");
    check_binop(NB_POWER, F(10.0), I(-400), "0.0");
}

static void test_float_power_special_cases_follow_cpython(void **state) {
    (void)state;
    check_binop(NB_POWER, F(NAN), I(0), "1.0");
    check_binop(NB_POWER, F(1.0), F(INFINITY), "1.0");
    check_binop(NB_POWER, F(-1.0), F(INFINITY), "1.0");
    check_binop(NB_POWER, F(0.5), F(INFINITY), "0.0");
    check_binop(NB_POWER, F(-INFINITY), I(3), "-inf");
    check_binop(NB_POWER, F(-0.0), I(3), "-0.0");
}

/* --- Unsupported operands ------------------------------------------------------------------------------ */

static void test_unsupported_operands_raise_type_error_with_the_symbol(void **state) {
    (void)state;
    check_binop_error(NB_ADD, I(1), S("a"), EXC_TYPE_ERROR, "unsupported operand type(s) for +: 'int' and 'str'");
    check_binop_error(NB_INPLACE_ADD, I(1), S("a"), EXC_TYPE_ERROR, "unsupported operand type(s) for +=: 'int' and 'str'");
    check_binop_error(NB_POWER, S("a"), I(2), EXC_TYPE_ERROR, "unsupported operand type(s) for ** or pow(): 'str' and 'int'");
    check_binop_error(NB_INPLACE_POWER, I(1), S("a"), EXC_TYPE_ERROR, "unsupported operand type(s) for **=: 'int' and 'str'");
    check_binop_error(NB_LSHIFT, F(1.0), I(1), EXC_TYPE_ERROR, "unsupported operand type(s) for <<: 'float' and 'int'");
    check_binop_error(NB_AND, True, F(1.0), EXC_TYPE_ERROR, "unsupported operand type(s) for &: 'bool' and 'float'");
    check_binop_error(NB_SUBTRACT, None, None, EXC_TYPE_ERROR, "unsupported operand type(s) for -: 'NoneType' and 'NoneType'");
    check_binop_error(NB_REMAINDER, I(5), S("a"), EXC_TYPE_ERROR, "unsupported operand type(s) for %: 'int' and 'str'");
    check_binop_error(NB_SUBTRACT, L(0), L(0), EXC_TYPE_ERROR, "unsupported operand type(s) for -: 'list' and 'list'");
}

static void test_concatenating_mismatched_sequences_raises_type_error(void **state) {
    (void)state;
    check_binop_error(NB_ADD, S("a"), I(1), EXC_TYPE_ERROR, "can only concatenate str (not \"int\") to str");
    check_binop_error(NB_ADD, L(0), T(0), EXC_TYPE_ERROR, "can only concatenate list (not \"tuple\") to list");
    check_binop_error(NB_ADD, T(0), L(0), EXC_TYPE_ERROR, "can only concatenate tuple (not \"list\") to tuple");
    check_binop_error(NB_MULTIPLY, S("a"), F(1.5), EXC_TYPE_ERROR, "can't multiply sequence by non-int of type 'float'");
    check_binop_error(NB_MULTIPLY, None, S("a"), EXC_TYPE_ERROR, "can't multiply sequence by non-int of type 'NoneType'");
    check_binop_error(NB_MULTIPLY, S("a"), S("b"), EXC_TYPE_ERROR, "can't multiply sequence by non-int of type 'str'");
}

/* --- Sequences ----------------------------------------------------------------------------------------- */

static void test_sequences_concatenate_and_repeat(void **state) {
    (void)state;
    check_binop(NB_ADD, S("ab"), S("cé"), "'abcé'");
    check_binop(NB_MULTIPLY, S("ab"), I(3), "'ababab'");
    check_binop(NB_MULTIPLY, I(2), S("ab"), "'abab'");
    check_binop(NB_MULTIPLY, S("ab"), I(-2), "''");
    check_binop(NB_MULTIPLY, S("ab"), True, "'ab'");
    check_binop(NB_ADD, L(1, I(1)), L(2, S("a"), None), "[1, 'a', None]");
    check_binop(NB_MULTIPLY, L(2, I(1), I(2)), I(2), "[1, 2, 1, 2]");
    check_binop(NB_MULTIPLY, I(0), L(1, I(1)), "[]");
    check_binop(NB_ADD, T(1, I(1)), T(1, I(2)), "(1, 2)");
    check_binop(NB_MULTIPLY, T(1, I(1)), I(3), "(1, 1, 1)");
    check_binop(NB_MULTIPLY, T(1, I(1)), I(-1), "()");
    check_binop(NB_INPLACE_ADD, S("a"), S("b"), "'ab'");
    check_binop(NB_INPLACE_ADD, T(1, I(1)), T(0), "(1,)");
    check_binop(NB_REMAINDER, S("%d-%s"), T(2, I(1), S("x")), "'1-x'");
}

static void test_inplace_add_extends_the_same_list(void **state) {
    (void)state;
    Value list = L(1, I(1)), r;
    assert_true(rt_binary_op(vm, NB_INPLACE_ADD, list, T(2, I(2), I(3)), &r));
    assert_ptr_equal(AS_OBJ(r), AS_OBJ(list));
    assert_true(rt_binary_op(vm, NB_INPLACE_ADD, list, list, &r));
    assert_repr(list, "[1, 2, 3, 1, 2, 3]");
    assert_true(rt_binary_op(vm, NB_INPLACE_ADD, list, S("ab"), &r));
    assert_repr(list, "[1, 2, 3, 1, 2, 3, 'a', 'b']");
    check_binop_error(NB_INPLACE_ADD, list, I(5), EXC_TYPE_ERROR, "'int' object is not iterable");
}

static void test_plain_add_of_lists_makes_a_new_list(void **state) {
    (void)state;
    Value a = L(1, I(1)), r;
    assert_true(rt_binary_op(vm, NB_ADD, a, L(1, I(2)), &r));
    assert_ptr_not_equal(AS_OBJ(r), AS_OBJ(a));
    assert_repr(a, "[1]");
}

static void test_inplace_multiply_repeats_the_same_list(void **state) {
    (void)state;
    Value list = L(2, I(1), I(2)), r;
    assert_true(rt_binary_op(vm, NB_INPLACE_MULTIPLY, list, I(2), &r));
    assert_ptr_equal(AS_OBJ(r), AS_OBJ(list));
    assert_repr(list, "[1, 2, 1, 2]");
    assert_true(rt_binary_op(vm, NB_INPLACE_MULTIPLY, list, I(0), &r));
    assert_repr(list, "[]");
}

static void test_huge_repeat_counts_raise_memory_error(void **state) {
    (void)state;
    Value r;
    assert_false(rt_binary_op(vm, NB_MULTIPLY, L(1, I(0)), I(INT64_MAX), &r));
    assert_int_equal(vm->exc, EXC_MEMORY_ERROR);
    vm_clear_error(vm);
    assert_false(rt_binary_op(vm, NB_MULTIPLY, S("ab"), I((int64_t)1 << 40), &r));
    assert_int_equal(vm->exc, EXC_MEMORY_ERROR);
    vm_clear_error(vm);
    assert_false(rt_binary_op(vm, NB_MULTIPLY, T(2, I(1), I(2)), I((int64_t)1 << 31), &r));
    assert_int_equal(vm->exc, EXC_MEMORY_ERROR);
    vm_clear_error(vm);
    assert_false(rt_binary_op(vm, NB_INPLACE_MULTIPLY, L(1, I(0)), I((int64_t)1 << 33), &r));
    assert_int_equal(vm->exc, EXC_MEMORY_ERROR);
    vm_clear_error(vm);
}

/* --- Comparison ---------------------------------------------------------------------------------------- */

static void test_int_and_float_compare_exactly(void **state) {
    (void)state;
    check_compare(CMP_LT, I(INT64_MAX), F(9.223372036854776e18), true);
    check_compare(CMP_EQ, I(INT64_MAX), F(9.223372036854776e18), false);
    check_compare(CMP_GE, F(9.223372036854776e18), I(INT64_MAX), true);
    check_compare(CMP_EQ, I(INT64_MIN), F(-9.223372036854776e18), true);
    check_compare(CMP_EQ, I(9007199254740993), F(9007199254740992.0), false);
    check_compare(CMP_GT, I(9007199254740993), F(9007199254740992.0), true);
    check_compare(CMP_LT, I(2), F(2.5), true);
    check_compare(CMP_GT, I(-2), F(-2.5), true);
    check_compare(CMP_EQ, I(1), F(1.0), true);
    check_compare(CMP_EQ, True, F(1.0), true);
    check_compare(CMP_LT, I(INT64_MAX), F(INFINITY), true);
    check_compare(CMP_GT, I(INT64_MIN), F(-INFINITY), true);
}

static void test_nan_is_unordered_and_unequal(void **state) {
    (void)state;
    Value nan = F(NAN);
    check_compare(CMP_EQ, nan, nan, false);
    check_compare(CMP_NE, nan, nan, true);
    check_compare(CMP_LT, I(1), nan, false);
    check_compare(CMP_GE, nan, I(1), false);
    check_compare(CMP_NE, I(1), nan, true);
}

static void test_strings_compare_by_code_point(void **state) {
    (void)state;
    check_compare(CMP_LT, S("a"), S("b"), true);
    check_compare(CMP_LT, S("ab"), S("abc"), true);
    check_compare(CMP_GT, S("é"), S("z"), true);
    check_compare(CMP_LT, S("Z"), S("a"), true);
    check_compare(CMP_EQ, S("abc"), S("abc"), true);
    check_compare(CMP_LE, S(""), S(""), true);
}

static void test_lists_and_tuples_compare_lexicographically(void **state) {
    (void)state;
    check_compare(CMP_LT, L(2, I(1), I(2)), L(2, I(1), I(3)), true);
    check_compare(CMP_LT, L(2, I(1), I(2)), L(3, I(1), I(2), I(3)), true);
    check_compare(CMP_EQ, T(2, I(1), I(2)), T(2, I(1), F(2.0)), true);
    check_compare(CMP_GT, T(1, S("b")), T(2, S("a"), I(9)), true);
    check_compare(CMP_EQ, L(0), T(0), false);
    check_compare(CMP_NE, L(0), T(0), true);
    check_compare(CMP_GE, L(1, L(1, I(2))), L(1, L(1, I(1))), true);
}

static void test_equality_across_types_is_false_without_error(void **state) {
    (void)state;
    check_compare(CMP_EQ, I(1), S("1"), false);
    check_compare(CMP_NE, None, I(0), true);
    check_compare(CMP_EQ, None, None, true);
    check_compare(CMP_EQ, R(0, 3, 1), R(0, 3, 1), true);
    check_compare(CMP_EQ, R(0, 0, 1), R(2, 2, 1), true);
    check_compare(CMP_EQ, R(0, 3, 2), R(0, 4, 2), true);
}

static void test_ordering_incompatible_types_raises_type_error(void **state) {
    (void)state;
    check_compare_error(CMP_LT, I(1), S("a"), EXC_TYPE_ERROR, "'<' not supported between instances of 'int' and 'str'");
    check_compare_error(CMP_GE, S("a"), I(1), EXC_TYPE_ERROR, "'>=' not supported between instances of 'str' and 'int'");
    check_compare_error(CMP_LT, L(0), T(0), EXC_TYPE_ERROR, "'<' not supported between instances of 'list' and 'tuple'");
    check_compare_error(CMP_LT, None, None, EXC_TYPE_ERROR, "'<' not supported between instances of 'NoneType' and 'NoneType'");
    check_compare_error(CMP_LT, L(2, I(1), S("a")), L(2, I(1), I(2)), EXC_TYPE_ERROR, "'<' not supported between instances of 'str' and 'int'");
    check_compare_error(CMP_LT, R(0, 3, 1), R(0, 3, 1), EXC_TYPE_ERROR, "'<' not supported between instances of 'range' and 'range'");
}

static void test_rt_equal_compares_containers_element_wise(void **state) {
    (void)state;
    assert_int_equal(rt_equal(vm, L(2, I(1), S("a")), L(2, F(1.0), S("a"))), 1);
    assert_int_equal(rt_equal(vm, L(1, I(1)), L(1, I(2))), 0);
    assert_int_equal(rt_equal(vm, T(1, T(1, None)), T(1, T(1, None))), 1);
    Value self = L(0), r;
    assert_true(rt_binary_op(vm, NB_INPLACE_ADD, self, L(1, self), &r));
    assert_int_equal(rt_equal(vm, self, self), 1);
}

/* CPython's PyObject_RichCompareBool: a container's items, `in` and count match by identity first, so a
 * nan (unequal to itself) is found in [nan] and [nan] == [nan]; a bare nan is still unequal to itself. */
static void test_containers_compare_items_by_identity_first(void **state) {
    (void)state;
    Value nan = F(NAN);
    assert_int_equal(rt_equal(vm, nan, nan), 1);
    assert_int_equal(rt_equal(vm, L(1, nan), L(1, nan)), 1);
    assert_int_equal(rt_equal(vm, T(1, nan), T(1, nan)), 1);
    assert_int_equal(rt_contains(vm, nan, L(1, nan)), 1);
    assert_int_equal(rt_contains(vm, nan, T(2, I(1), nan)), 1);
    check_compare(CMP_EQ, nan, nan, false);
    check_compare(CMP_EQ, L(1, nan), L(1, nan), true);
    check_compare(CMP_LT, L(1, nan), L(1, nan), false);
    check_compare(CMP_LE, L(1, nan), L(1, nan), true);
    assert_int_equal(rt_equal(vm, L(1, F(NAN)), L(1, I(1))), 0);
}

/* --- Unary, truthiness, membership --------------------------------------------------------------------- */

static void test_unary_operators_follow_python(void **state) {
    (void)state;
    Value r;
    assert_true(rt_unary_invert(vm, True, &r));
    assert_repr(r, "-2");
    assert_true(rt_unary_negative(vm, True, &r));
    assert_repr(r, "-1");
    assert_true(rt_unary_positive(vm, False, &r));
    assert_repr(r, "0");
    assert_true(rt_unary_negative(vm, F(0.0), &r));
    assert_repr(r, "-0.0");
    assert_false(rt_unary_negative(vm, S("a"), &r));
    assert_error(EXC_TYPE_ERROR, "bad operand type for unary -: 'str'");
    assert_false(rt_unary_positive(vm, None, &r));
    assert_error(EXC_TYPE_ERROR, "bad operand type for unary +: 'NoneType'");
    assert_false(rt_unary_invert(vm, F(1.5), &r));
    assert_error(EXC_TYPE_ERROR, "bad operand type for unary ~: 'float'");
}

static void test_truthiness_follows_python(void **state) {
    (void)state;
    assert_false(rt_truthy(None));
    assert_false(rt_truthy(I(0)));
    assert_true(rt_truthy(I(-1)));
    assert_false(rt_truthy(F(-0.0)));
    assert_true(rt_truthy(F(NAN)));
    assert_false(rt_truthy(S("")));
    assert_true(rt_truthy(S("0")));
    assert_false(rt_truthy(L(0)));
    assert_true(rt_truthy(L(1, None)));
    assert_false(rt_truthy(T(0)));
    assert_false(rt_truthy(R(5, 0, 1)));
    assert_true(rt_truthy(R(5, 0, -1)));
    assert_true(value_truthy(S("")));
}

static void test_in_searches_lists_strings_and_ranges(void **state) {
    (void)state;
    check_contains(I(2), L(3, I(1), I(2), I(3)), true);
    check_contains(F(2.0), T(2, I(1), I(2)), true);
    check_contains(S("x"), L(1, I(1)), false);
    check_contains(S("bc"), S("abcd"), true);
    check_contains(S(""), S(""), true);
    check_contains(S("é"), S("café"), true);
    check_contains(S("ca"), S("abc"), false);
    check_contains(I(4), R(0, 10, 2), true);
    check_contains(I(5), R(0, 10, 2), false);
    check_contains(I(10), R(0, 10, 2), false);
    check_contains(I(7), R(10, 0, -3), true);
    check_contains(I(0), R(10, 0, -3), false);
    check_contains(F(1.0), R(0, 3, 1), true);
    check_contains(F(1.5), R(0, 3, 1), false);
    check_contains(S("a"), R(0, 3, 1), false);
    check_contains(True, R(0, 3, 1), true);
}

static void test_in_on_wrong_types_raises_type_error(void **state) {
    (void)state;
    check_contains_error(I(1), I(5), EXC_TYPE_ERROR, "argument of type 'int' is not iterable");
    check_contains_error(I(1), S("abc"), EXC_TYPE_ERROR, "'in <string>' requires string as left operand, not int");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int_results_past_int64_become_big_ints),
        cmocka_unit_test(test_big_results_back_in_int64_range_are_inline_ints),
        cmocka_unit_test(test_int_results_at_the_int64_edges_are_exact),
        cmocka_unit_test(test_negating_int64_min_gives_a_big_int),
        cmocka_unit_test(test_big_ints_hash_as_cpython),
        cmocka_unit_test(test_big_ints_compare_exactly_with_floats_and_ints),
        cmocka_unit_test(test_int_floor_division_and_modulo_take_the_divisors_sign),
        cmocka_unit_test(test_int_true_division_is_correctly_rounded),
        cmocka_unit_test(test_int_power_with_negative_exponent_gives_float),
        cmocka_unit_test(test_shift_by_negative_count_raises_value_error),
        cmocka_unit_test(test_bools_act_as_ints_except_bitwise_on_two_bools),
        cmocka_unit_test(test_division_by_zero_raises_cpython_messages),
        cmocka_unit_test(test_float_floor_division_and_modulo_follow_python),
        cmocka_unit_test(test_mixed_int_and_float_arithmetic_gives_float),
        cmocka_unit_test(test_float_power_overflow_raises_overflow_error),
        cmocka_unit_test(test_float_power_special_cases_follow_cpython),
        cmocka_unit_test(test_unsupported_operands_raise_type_error_with_the_symbol),
        cmocka_unit_test(test_concatenating_mismatched_sequences_raises_type_error),
        cmocka_unit_test(test_sequences_concatenate_and_repeat),
        cmocka_unit_test(test_inplace_add_extends_the_same_list),
        cmocka_unit_test(test_plain_add_of_lists_makes_a_new_list),
        cmocka_unit_test(test_inplace_multiply_repeats_the_same_list),
        cmocka_unit_test(test_huge_repeat_counts_raise_memory_error),
        cmocka_unit_test(test_int_and_float_compare_exactly),
        cmocka_unit_test(test_nan_is_unordered_and_unequal),
        cmocka_unit_test(test_strings_compare_by_code_point),
        cmocka_unit_test(test_lists_and_tuples_compare_lexicographically),
        cmocka_unit_test(test_equality_across_types_is_false_without_error),
        cmocka_unit_test(test_ordering_incompatible_types_raises_type_error),
        cmocka_unit_test(test_rt_equal_compares_containers_element_wise),
        cmocka_unit_test(test_containers_compare_items_by_identity_first),
        cmocka_unit_test(test_unary_operators_follow_python),
        cmocka_unit_test(test_truthiness_follows_python),
        cmocka_unit_test(test_in_searches_lists_strings_and_ranges),
        cmocka_unit_test(test_in_on_wrong_types_raises_type_error),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
