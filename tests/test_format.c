/* test_format.c: values as text (vm/objects/number.c, str.c, str_format.c): float repr, str() and repr() of every type, and
 * printf-style `str % args`.
 *
 * Every check_* line is also valid Python; each was run through python3.11 (defining I, F, S, L, T and the
 * check functions) to confirm the expected text and messages are CPython's own.
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

static void check_float_repr(double d, const char *expected) {
    char text[32];
    float_repr(d, text);
    assert_string_equal(text, expected);
}

static void check_text(Value v, bool as_repr, const char *expected) {
    StrBuf b;
    strbuf_init(&b);
    assert_true(as_repr ? value_write_repr(vm, &b, v) : value_write_str(vm, &b, v));
    assert_string_equal(b.chars, expected);
    strbuf_free(vm, &b);
}
static void check_repr(Value v, const char *expected) { check_text(v, true, expected); }
static void check_str(Value v, const char *expected) { check_text(v, false, expected); }

static void check_format(const char *format, Value args, const char *expected) {
    Value r;
    if (!str_format(vm, string_from_cstr(vm, format), args, &r)) fail_msg("%s: %s", format, vm->exc_message);
    assert_true(IS_STRING(r));
    assert_string_equal(AS_STRING(r)->chars, expected);
}

static void check_format_error(const char *format, Value args, ExcType type, const char *message) {
    Value r;
    assert_false(str_format(vm, string_from_cstr(vm, format), args, &r));
    assert_error(type, message);
}

/* --- Float repr ---------------------------------------------------------------------------------------- */

static void test_float_repr_is_shortest_round_trip_in_python_layout(void **state) {
    (void)state;
    check_float_repr(0.1, "0.1");
    check_float_repr(1e-05, "1e-05");
    check_float_repr(1e16, "1e+16");
    check_float_repr(1.0, "1.0");
    check_float_repr(-0.0, "-0.0");
    check_float_repr(0.0, "0.0");
    check_float_repr(INFINITY, "inf");
    check_float_repr(-INFINITY, "-inf");
    check_float_repr(NAN, "nan");
    check_float_repr(1.5e300, "1.5e+300");
    check_float_repr(123456789012345.0, "123456789012345.0");
    check_float_repr(1234567890123456.0, "1234567890123456.0");
    check_float_repr(12345678901234567.0, "1.2345678901234568e+16");
    check_float_repr(0.0001, "0.0001");
    check_float_repr(0.00012345, "0.00012345");
    check_float_repr(1e22, "1e+22");
    check_float_repr(5e-324, "5e-324");
    check_float_repr(1.7976931348623157e308, "1.7976931348623157e+308");
    check_float_repr(2.2250738585072014e-308, "2.2250738585072014e-308");
    check_float_repr(1.0 / 3.0, "0.3333333333333333");
    check_float_repr(2.0 / 3.0, "0.6666666666666666");
    check_float_repr(100.0, "100.0");
    check_float_repr(1e15, "1000000000000000.0");
    check_float_repr(9999999999999998.0, "9999999999999998.0");
    check_float_repr(0.1 + 0.2, "0.30000000000000004");
    check_float_repr(-2.5, "-2.5");
    check_float_repr(123.456, "123.456");
    check_float_repr(9007199254740993.0, "9007199254740992.0");
    check_float_repr(1e100, "1e+100");
    check_float_repr(4.35, "4.35");
    check_float_repr(1e23, "1e+23");
    check_float_repr(8.41e21, "8.41e+21");
    check_float_repr(-1.5e-7, "-1.5e-07");
    check_float_repr(0.5, "0.5");
    check_float_repr(1e-4 * 3, "0.00030000000000000003");
}

/* --- str and repr -------------------------------------------------------------------------------------- */

static void test_scalars_print_as_python(void **state) {
    (void)state;
    check_repr(None, "None");
    check_repr(True, "True");
    check_repr(False, "False");
    check_repr(I(-42), "-42");
    check_repr(I(INT64_MIN), "-9223372036854775808");
    check_repr(F(2.0), "2.0");
    check_str(F(1e16), "1e+16");
}

static void test_str_of_a_string_is_raw_and_repr_quotes_it(void **state) {
    (void)state;
    check_str(S("it's"), "it's");
    check_repr(S("abc"), "'abc'");
    check_repr(S("it's"), "\"it's\"");
    check_repr(S("say \"hi\""), "'say \"hi\"'");
    check_repr(S("both ' and \""), "'both \\' and \"'");
    check_repr(S("tab\there\nnew\rret\\"), "'tab\\there\\nnew\\rret\\\\'");
    check_repr(S("\x01\x7f"), "'\\x01\\x7f'");
    check_repr(S("caf\xc3\xa9"), "'caf\xc3\xa9'");
    check_repr(S("\xc2\xa0\xc2\xad"), "'\\xa0\\xad'");
    check_repr(S("\xe2\x80\x8b\xe2\x80\xa8"), "'\\u200b\\u2028'");
    check_repr(S("\xf0\x9f\x98\x80"), "'\xf0\x9f\x98\x80'");
    check_repr(S("\xf3\xb0\x80\x80"), "'\\U000f0000'");
}

static void test_containers_print_items_with_repr(void **state) {
    (void)state;
    check_repr(L(2, I(1), S("a")), "[1, 'a']");
    check_str(L(2, I(1), S("a")), "[1, 'a']");
    check_repr(L(0), "[]");
    check_repr(T(0), "()");
    check_repr(T(1, I(1)), "(1,)");
    check_repr(T(2, I(1), I(2)), "(1, 2)");
    check_repr(L(2, T(1, None), L(1, F(0.5))), "[(None,), [0.5]]");
}

static void test_a_list_containing_itself_prints_ellipsis(void **state) {
    (void)state;
    Value outer = L(1, I(1));
    ObjList *list = AS_LIST(outer);
    assert_true(list_append(vm, list, outer));
    check_repr(outer, "[1, [...]]");
    Value tuple = T(1, outer);
    assert_true(list_append(vm, list, tuple));
    check_repr(outer, "[1, [...], ([...],)]");
}

static void test_deeply_nested_lists_raise_recursion_error(void **state) {
    (void)state;
    Value v = L(0);
    for (int i = 0; i < 2000; i++) v = L(1, v);
    StrBuf b;
    strbuf_init(&b);
    assert_false(value_write_repr(vm, &b, v));
    strbuf_free(vm, &b);
    assert_error(EXC_RECURSION_ERROR, "maximum recursion depth exceeded while getting the repr of an object");
}

static void test_other_objects_print_as_python(void **state) {
    (void)state;
    check_repr(obj_value(&range_new(vm, 0, 3, 1)->obj), "range(0, 3)");
    check_repr(obj_value(&range_new(vm, 1, 10, 2)->obj), "range(1, 10, 2)");
    check_repr(obj_value(&slice_new(vm, I(1), I(2), None)->obj), "slice(1, 2, None)");
    check_repr(obj_value(&builtin_new(vm, "len", NULL, false)->obj), "<built-in function len>");
    check_repr(keep(obj_value(&module_new(vm, AS_STRING(S("math")), 0)->obj)), "<module 'math' (built-in)>");

    Value code = keep(obj_value(&code_new(vm)->obj));
    AS_CODE(code)->name = AS_STRING(S("f"));
    Value fn = keep(obj_value(&function_new(vm, AS_CODE(code), NULL)->obj));
    StrBuf b;
    strbuf_init(&b);
    assert_true(value_write_repr(vm, &b, fn));
    assert_memory_equal(b.chars, "<function f at 0x", 17);
    assert_int_equal(b.chars[b.length - 1], '>');
    strbuf_free(vm, &b);
}

static void test_value_to_string_returns_a_str_unchanged(void **state) {
    (void)state;
    Value s = S("x");
    assert_ptr_equal(value_to_string(vm, s), AS_STRING(s));
    assert_string_equal(value_to_string(vm, T(1, S("x")))->chars, "('x',)");
}

/* --- printf-style formatting --------------------------------------------------------------------------- */

static void test_format_converts_each_kind(void **state) {
    (void)state;
    check_format("%d items", I(3), "3 items");
    check_format("%s and %r", T(2, S("x"), S("y")), "x and 'y'");
    check_format("%i|%u", T(2, I(-1), F(2.5)), "-1|2");
    check_format("%x %X %o", T(3, I(255), I(255), I(8)), "ff FF 10");
    check_format("%#x %#o %#X", T(3, I(255), I(8), I(255)), "0xff 0o10 0XFF");
    check_format("%x", I(-255), "-ff");
    check_format("%#x", I(INT64_MIN), "-0x8000000000000000");
    check_format("%c%c", T(2, I(65), S("\xc3\xa9")), "A\xc3\xa9");
    check_format("%c", I(233), "\xc3\xa9");
    check_format("100%%", T(0), "100%");
    check_format("%s", L(2, I(1), I(2)), "[1, 2]");
    check_format("%s", T(1, T(2, I(1), I(2))), "(1, 2)");
    check_format("%s %s", T(2, None, True), "None True");
    check_format("%a", S("\xc3\xa9"), "'\\xe9'");
    check_format("%a|%a", T(2, L(1, S("\xe2\x82\xac")), S("\xf0\x9f\x98\x80")), "['\\u20ac']|'\\U0001f600'");
    check_format("%ld", I(5), "5");
}

static void test_format_applies_flags_width_and_precision(void **state) {
    (void)state;
    check_format("%5d|%-5d|%05d", T(3, I(42), I(42), I(42)), "   42|42   |00042");
    check_format("%+d % d %+d", T(3, I(5), I(5), I(-5)), "+5  5 -5");
    check_format("% 05d", I(42), " 0042");
    check_format("%+.3d", I(5), "+005");
    check_format("%.3d", I(-5), "-005");
    check_format("%#05x", I(5), "0x005");
    check_format("%#.3o", I(8), "0o010");
    check_format("%-05d|", I(3), "3    |");
    check_format("%*d|%-*d|", T(4, I(4), I(1), I(-4), I(2)), "   1|2   |");
    check_format("%.*f", T(2, I(2), F(3.14159)), "3.14");
    check_format("%*.*f|", T(3, I(8), I(2), F(3.14159)), "    3.14|");
    check_format("%5s|%-5s|", T(2, S("ab"), S("ab")), "   ab|ab   |");
    check_format("%.2s|%5.1s|", T(2, S("h\xc3\xa9llo"), S("abc")), "h\xc3\xa9|    a|");
    check_format("%5s|", S("\xc3\xa9"), "    \xc3\xa9|");
    check_format("%.3r", S("abc"), "'ab");
    check_format("%05s", S("a"), "    a");
    check_format("%3c|%-3c|", T(2, S("a"), I(65)), "  a|A  |");
}

static void test_format_prints_floats_like_cpython(void **state) {
    (void)state;
    check_format("%f", F(3.14159), "3.141590");
    check_format("%.2f", F(2.675), "2.67");
    check_format("%.0f", F(2.5), "2");
    check_format("%08.3f", F(-3.14159), "-003.142");
    check_format("%+5.1f|", F(2.25), " +2.2|");
    check_format("%e", I(0), "0.000000e+00");
    check_format("%010.3e", F(12345.678), "01.235e+04");
    check_format("%.0e", I(12345), "1e+04");
    check_format("%#.0f %#.0e", T(2, I(3), I(3)), "3. 3.e+00");
    check_format("%g %g %g", T(3, I(100000), I(1000000), F(1e-05)), "100000 1e+06 1e-05");
    check_format("%G %#g", T(2, F(1e-10), F(1.0)), "1E-10 1.00000");
    check_format("%.3g %.2g", T(2, F(0.0001234), F(150.0)), "0.000123 1.5e+02");
    check_format("%f", True, "1.000000");
    check_format("%f|%F|%E", T(3, F(-0.0), F(INFINITY), F(NAN)), "-0.000000|INF|NAN");
    check_format("%05f|%+f|%010.2f", T(3, F(INFINITY), F(NAN), F(-INFINITY)), "00inf|+nan|-000000inf");
    check_format("%.20f", F(0.1), "0.10000000000000000555");
}

static void test_format_d_truncates_floats(void **state) {
    (void)state;
    check_format("%d %d %i", T(3, F(3.9), F(-9.3), F(-0.5)), "3 -9 0");
    check_format("%d", F(1e20), "100000000000000000000");
    check_format("%d", F(9223372036854775807.0), "9223372036854775808");
    check_format("%.5d", F(1.5), "00001");
    check_format("%d %x", T(2, True, True), "1 1");
}

static void test_format_argument_count_errors(void **state) {
    (void)state;
    check_format_error("%d %d", T(1, I(1)), EXC_TYPE_ERROR, "not enough arguments for format string");
    check_format_error("%s", T(0), EXC_TYPE_ERROR, "not enough arguments for format string");
    check_format_error("%d", T(2, I(1), I(2)), EXC_TYPE_ERROR, "not all arguments converted during string formatting");
    check_format_error("abc", I(5), EXC_TYPE_ERROR, "not all arguments converted during string formatting");
    check_format_error("%5%", T(0), EXC_TYPE_ERROR, "not enough arguments for format string");
    check_format("abc", T(0), "abc");
    check_format("abc", L(1, I(1)), "abc");
}

static void test_format_type_and_syntax_errors(void **state) {
    (void)state;
    check_format_error("%d", S("a"), EXC_TYPE_ERROR, "%d format: a real number is required, not str");
    check_format_error("%i", None, EXC_TYPE_ERROR, "%i format: a real number is required, not NoneType");
    check_format_error("%x", F(3.0), EXC_TYPE_ERROR, "%x format: an integer is required, not float");
    check_format_error("%f", S("a"), EXC_TYPE_ERROR, "must be real number, not str");
    check_format_error("%c", S("ab"), EXC_TYPE_ERROR, "%c requires int or char");
    check_format_error("%c", I(0x110000), EXC_OVERFLOW_ERROR, "%c arg not in range(0x110000)");
    check_format_error("%c", I(-1), EXC_OVERFLOW_ERROR, "%c arg not in range(0x110000)");
    check_format_error("%y", I(1), EXC_VALUE_ERROR, "unsupported format character 'y' (0x79) at index 1");
    check_format_error("a\xc3\xa9%y", I(1), EXC_VALUE_ERROR, "unsupported format character 'y' (0x79) at index 3");
    check_format_error("%\xc3\xa9", I(1), EXC_VALUE_ERROR, "unsupported format character '?' (0xe9) at index 1");
    check_format_error("%5%", T(1, I(1)), EXC_VALUE_ERROR, "unsupported format character '%' (0x25) at index 2");
    check_format_error("%ll", I(1), EXC_VALUE_ERROR, "unsupported format character 'l' (0x6c) at index 2");
    check_format_error("%", T(0), EXC_VALUE_ERROR, "incomplete format");
    check_format_error("%s%", T(1, I(1)), EXC_VALUE_ERROR, "incomplete format");
    check_format_error("%.", I(1), EXC_VALUE_ERROR, "incomplete format");
    check_format_error("%*d", T(2, S("a"), I(1)), EXC_TYPE_ERROR, "* wants int");
    check_format_error("%(a)s", I(1), EXC_TYPE_ERROR, "format requires a mapping");
    check_format_error("%d", F(NAN), EXC_VALUE_ERROR, "cannot convert float NaN to integer");
    check_format_error("%d", F(INFINITY), EXC_OVERFLOW_ERROR, "cannot convert float infinity to integer");
    check_format_error("%.2147483648f", F(1.0), EXC_VALUE_ERROR, "precision too big");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_float_repr_is_shortest_round_trip_in_python_layout),
        cmocka_unit_test(test_scalars_print_as_python),
        cmocka_unit_test(test_str_of_a_string_is_raw_and_repr_quotes_it),
        cmocka_unit_test(test_containers_print_items_with_repr),
        cmocka_unit_test(test_a_list_containing_itself_prints_ellipsis),
        cmocka_unit_test(test_deeply_nested_lists_raise_recursion_error),
        cmocka_unit_test(test_other_objects_print_as_python),
        cmocka_unit_test(test_value_to_string_returns_a_str_unchanged),
        cmocka_unit_test(test_format_converts_each_kind),
        cmocka_unit_test(test_format_applies_flags_width_and_precision),
        cmocka_unit_test(test_format_prints_floats_like_cpython),
        cmocka_unit_test(test_format_d_truncates_floats),
        cmocka_unit_test(test_format_argument_count_errors),
        cmocka_unit_test(test_format_type_and_syntax_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
