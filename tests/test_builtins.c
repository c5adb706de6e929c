/* test_builtins.c: the builtin functions, the list methods and the math and sys modules (vm/modules/builtins.c).
 *
 * Each builtin is looked up by name as a program would find it and called with its arguments rooted.
 * Expected values and messages were checked against python3.11; the GC runs at every allocation
 * (gc_stress), so a builtin that forgets to root what it builds fails here.
 */
#include <math.h>
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
#include "core/vm.h"
#include "ops/runtime.h"

static Vm *vm;
static char *out_text;
static size_t out_size;
static FILE *out;
static ObjList *pins; /* everything a test keeps: one temp root however many values */

static int setup(void **state) {
    (void)state;
    out = open_memstream(&out_text, &out_size);
    VmOptions options;
    vm_options_default(&options);
    options.out = out;
    vm = vm_new(&options);
    if (vm == NULL) return -1;
    pins = list_new(vm, 0);
    if (pins == NULL) return -1;
    vm_push_root(vm, obj_value(&pins->obj));
    vm->gc_stress = true;
    return 0;
}

static int teardown(void **state) {
    (void)state;
    vm_free(vm);
    fclose(out);
    free(out_text);
    return 0;
}

/* --- Helpers ------------------------------------------------------------------------------------------- */

static Value keep(Value v) {
    assert_true(list_append(vm, pins, v));
    return v;
}

static Value str(const char *s) {
    ObjString *string = string_from_cstr(vm, s);
    assert_non_null(string);
    return keep(obj_value(&string->obj));
}

static Value list_of(int n, const Value *items) {
    Value list;
    assert_true(rt_build_list(vm, (Value *)items, (uint32_t)n, &list));
    return keep(list);
}

static Value ints(int n, ...) {
    Value items[16];
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) items[i] = int_value(va_arg(ap, int));
    va_end(ap);
    return list_of(n, items);
}

/* The builtin function [name]; for a type (int, list) the constructor its type object calls. */
static Value builtin(const char *name) {
    for (uint32_t i = 0; i < vm->nbuiltins; i++) {
        if (strcmp(vm->builtin_names[i]->chars, name) != 0) continue;
        Value v = vm->builtin_values[i];
        if (IS_TYPE_OBJECT(v)) return obj_value(&AS_TYPE_OBJECT(v)->constructor->obj);
        return v;
    }
    fail_msg("no builtin %s", name);
    return none_value();
}

/* module.attr, e.g. attr("math", "sqrt") */
static Value attr(const char *module, const char *name) {
    ObjModule *m = AS_MODULE(builtin(module));
    for (uint32_t i = 0; i < m->count; i++) {
        if (strcmp(m->attr_names[i]->chars, name) == 0) return m->attr_values[i];
    }
    fail_msg("no attribute %s.%s", module, name);
    return none_value();
}

/* The list method [name], found as LOAD_METHOD finds it: through list's method table. */
static Value method(const char *name) {
    Value list = obj_value(&list_new(vm, 0)->obj), m;
    keep(list);
    Value pair[2];
    assert_true(value_find_method(vm, list, AS_STRING(str(name)), pair));
    assert_true(IS_BUILTIN(pair[0]) && value_is(pair[1], list));
    m = pair[0];
    return m;
}

/* Calls [fn] with [argc] arguments, the last ones named by the NULL-ended [keywords]; the result is rooted. */
static bool call_kw(Value fn, Value *result, const char **keywords, int argc, Value *args) {
    ObjTuple *kwnames = NULL;
    int nkw = 0;
    while (keywords != NULL && keywords[nkw] != NULL) nkw++;
    if (nkw > 0) {
        kwnames = tuple_new(vm, (uint32_t)nkw);
        assert_non_null(kwnames);
        keep(obj_value(&kwnames->obj));
        for (int k = 0; k < nkw; k++) kwnames->items[k] = str(keywords[k]);
    }
    *result = none_value();
    bool ok = AS_BUILTIN(fn)->fn(vm, args, argc, kwnames, result);
    if (ok) keep(*result);
    return ok;
}

#define ARGS(...) ((Value[]){__VA_ARGS__})
#define NARGS(...) ((int)(sizeof(ARGS(__VA_ARGS__)) / sizeof(Value)))
/* call("len", &r, arg1, arg2...) and call0("list", &r) */
#define call(name, result, ...) call_kw(builtin(name), result, NULL, NARGS(__VA_ARGS__), ARGS(__VA_ARGS__))
#define call0(name, result) call_kw(builtin(name), result, NULL, 0, NULL)
#define call_method(name, result, ...) call_kw(method(name), result, NULL, NARGS(__VA_ARGS__), ARGS(__VA_ARGS__))

static void assert_repr(Value v, const char *expected) {
    StrBuf b;
    strbuf_init(&b);
    assert_true(value_write_repr(vm, &b, v));
    strbuf_append(vm, &b, "", 1);
    assert_string_equal(b.chars, expected);
    strbuf_free(vm, &b);
}

static void assert_error(bool ok, ExcType type, const char *message) {
    assert_false(ok);
    assert_int_equal(vm->exc, type);
    assert_string_equal(vm->exc_message, message);
    vm_clear_error(vm);
}

static const char *printed(void) {
    fflush(out);
    return out_text;
}

/* --- print, len, range, str, repr ---------------------------------------------------------------------- */

static void test_print_writes_str_of_each_argument(void **state) {
    (void)state;
    Value r;
    assert_true(call("print", &r, int_value(1), str("a"), none_value(), float_value(0.5)));
    assert_string_equal(printed(), "1 a None 0.5\n");
}

static void test_print_honours_sep_and_end_keywords(void **state) {
    (void)state;
    Value r;
    const char *sep_end[] = {"sep", "end", NULL};
    assert_true(call_kw(builtin("print"), &r, sep_end, 4, ARGS(int_value(1), int_value(2), str("-"), str("!"))));
    const char *end_only[] = {"end", NULL};
    assert_true(call_kw(builtin("print"), &r, end_only, 2, ARGS(str("x"), none_value())));
    assert_string_equal(printed(), "1-2!x\n");
}

static void test_print_rejects_non_string_sep_and_unknown_keywords(void **state) {
    (void)state;
    Value r;
    const char *sep[] = {"sep", NULL}, *foo[] = {"foo", NULL};
    assert_error(call_kw(builtin("print"), &r, sep, 1, ARGS(int_value(1))), EXC_TYPE_ERROR,
                 "sep must be None or a string, not int");
    assert_error(call_kw(builtin("print"), &r, foo, 1, ARGS(int_value(1))), EXC_TYPE_ERROR,
                 "'foo' is an invalid keyword argument for print()");
    assert_string_equal(printed(), "");
}

static void test_len_counts_items_code_points_and_range_length(void **state) {
    (void)state;
    Value r;
    assert_true(call("len", &r, ints(3, 1, 2, 3)));
    assert_int_equal(AS_INT(r), 3);
    assert_true(call("len", &r, str("h\xc3\xa9llo")));
    assert_int_equal(AS_INT(r), 5);
    assert_true(call("range", &r, int_value(0), int_value(10), int_value(3)));
    assert_true(call("len", &r, r));
    assert_int_equal(AS_INT(r), 4);
}

static void test_len_reports_arity_and_type_errors(void **state) {
    (void)state;
    Value r;
    assert_error(call("len", &r, int_value(1), int_value(2)), EXC_TYPE_ERROR,
        "len() takes exactly one argument (2 given)");
    assert_error(call("len", &r, int_value(5)), EXC_TYPE_ERROR, "object of type 'int' has no len()");
}

static void test_range_takes_one_to_three_ints(void **state) {
    (void)state;
    Value r;
    assert_true(call("range", &r, int_value(4)));
    assert_int_equal(AS_RANGE(r)->start, 0);
    assert_int_equal(AS_RANGE(r)->stop, 4);
    assert_int_equal(AS_RANGE(r)->step, 1);
    assert_error(call("range", &r, int_value(1), int_value(2), int_value(0)), EXC_VALUE_ERROR,
                 "range() arg 3 must not be zero");
    assert_error(call("range", &r, float_value(1.0)), EXC_TYPE_ERROR,
        "'float' object cannot be interpreted as an integer");
    assert_error(call0("range", &r), EXC_TYPE_ERROR, "range expected at least 1 argument, got 0");
}

static void test_str_and_repr_format_values(void **state) {
    (void)state;
    Value r;
    assert_true(call("str", &r, float_value(1.5)));
    assert_string_equal(AS_STRING(r)->chars, "1.5");
    assert_true(call("repr", &r, str("it's")));
    assert_string_equal(AS_STRING(r)->chars, "\"it's\"");
    assert_true(call0("str", &r));
    assert_string_equal(AS_STRING(r)->chars, "");
}

/* --- int, float, bool ------------------------------------------------------------------------------------ */

static void test_int_parses_strings_like_cpython(void **state) {
    (void)state;
    static const struct {
        const char *text;
        int base; /* -1: no base argument */
        int64_t expected;
    } cases[] = {
        {" -1_000 ", -1, -1000}, {"0x1f", 16, 31}, {"0b101", 0, 5}, {"z", 36, 35}, {"0o17", 0, 15},
        {"\t42\n", -1, 42}, {"-9223372036854775808", -1, INT64_MIN}, {"0x_ff", 0, 255}, {"000", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value r;
        if (cases[i].base < 0) assert_true(call("int", &r, str(cases[i].text)));
        else assert_true(call("int", &r, str(cases[i].text), int_value(cases[i].base)));
        assert_int_equal(AS_INT(r), cases[i].expected);
    }
}

static void test_int_rejects_invalid_literals(void **state) {
    (void)state;
    Value r;
    assert_error(call("int", &r, str("x")), EXC_VALUE_ERROR, "invalid literal for int() with base 10: 'x'");
    assert_error(call("int", &r, str("1_")), EXC_VALUE_ERROR, "invalid literal for int() with base 10: '1_'");
    assert_error(call("int", &r, str("010"), int_value(0)), EXC_VALUE_ERROR,
        "invalid literal for int() with base 0: '010'");
    assert_error(call("int", &r, str("12"), int_value(2)), EXC_VALUE_ERROR,
        "invalid literal for int() with base 2: '12'");
    assert_error(call("int", &r, str("1"), int_value(37)), EXC_VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0");
    assert_error(call("int", &r, float_value(1.5), int_value(10)), EXC_TYPE_ERROR,
                 "int() can't convert non-string with explicit base");
    assert_error(call("int", &r, str("9223372036854775808x")), EXC_VALUE_ERROR,
                 "invalid literal for int() with base 10: '9223372036854775808x'");
}

static void test_int_truncates_floats_and_refuses_inf_and_nan(void **state) {
    (void)state;
    Value r;
    assert_true(call("int", &r, float_value(-2.9)));
    assert_int_equal(AS_INT(r), -2);
    assert_error(call("int", &r, float_value(INFINITY)), EXC_OVERFLOW_ERROR,
        "cannot convert float infinity to integer");
    assert_error(call("int", &r, float_value(NAN)), EXC_VALUE_ERROR, "cannot convert float NaN to integer");
}

static void test_float_parses_strings_like_cpython(void **state) {
    (void)state;
    Value r;
    assert_true(call("float", &r, str(" 1e5 ")));
    assert_true(AS_FLOAT(r) == 100000.0);
    assert_true(call("float", &r, str("-nan")));
    assert_true(isnan(AS_FLOAT(r)));
    assert_true(call("float", &r, str("-Infinity")));
    assert_true(isinf(AS_FLOAT(r)) && AS_FLOAT(r) < 0);
    assert_true(call("float", &r, str("1_0.5")));
    assert_true(AS_FLOAT(r) == 10.5);
    assert_true(call("float", &r, str("5.")));
    assert_true(AS_FLOAT(r) == 5.0);
}

static void test_float_rejects_invalid_strings(void **state) {
    (void)state;
    static const char *const bad[] = {"x", "0x10", "1__0", "._5", "e5", "1e", "--1", "nan1", ""};
    char message[64];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Value r;
        snprintf(message, sizeof message, "could not convert string to float: '%s'", bad[i]);
        assert_error(call("float", &r, str(bad[i])), EXC_VALUE_ERROR, message);
    }
}

static void test_bool_and_abs(void **state) {
    (void)state;
    Value r;
    assert_true(call("bool", &r, list_of(0, NULL)));
    assert_false(AS_BOOL(r));
    assert_true(call("abs", &r, int_value(-3)));
    assert_int_equal(AS_INT(r), 3);
    assert_true(call("abs", &r, bool_value(true)));
    assert_true(IS_INT(r) && AS_INT(r) == 1);
    assert_error(call("abs", &r, str("s")), EXC_TYPE_ERROR, "bad operand type for abs(): 'str'");
}

/* --- Numbers ------------------------------------------------------------------------------------------- */

static void test_round_uses_bankers_rounding(void **state) {
    (void)state;
    Value r;
    assert_true(call("round", &r, float_value(2.5)));
    assert_true(IS_INT(r) && AS_INT(r) == 2);
    assert_true(call("round", &r, float_value(-2.5)));
    assert_int_equal(AS_INT(r), -2);
    assert_true(call("round", &r, float_value(3.5)));
    assert_int_equal(AS_INT(r), 4);
    assert_true(call("round", &r, int_value(150), int_value(-2)));
    assert_int_equal(AS_INT(r), 200);
    assert_true(call("round", &r, int_value(250), int_value(-2)));
    assert_int_equal(AS_INT(r), 200);
    assert_true(call("round", &r, int_value(-25), int_value(-1)));
    assert_int_equal(AS_INT(r), -20);
}

static void test_round_to_decimal_places_rounds_the_exact_value(void **state) {
    (void)state;
    static const struct {
        double x;
        int ndigits;
        double expected;
    } cases[] = {
        {2.675, 2, 2.67}, {0.125, 2, 0.12}, {0.285, 2, 0.28}, {1234.5, -1, 1230.0}, {1250.0, -2, 1200.0},
        {149.99, -2, 100.0}, {123.456, -1, 120.0}, {1e20, -19, 1e20}, {5e-324, -2, 0.0}, {2.5, 0, 2.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value r;
        assert_true(call("round", &r, float_value(cases[i].x), int_value(cases[i].ndigits)));
        assert_true(IS_FLOAT(r));
        assert_true(AS_FLOAT(r) == cases[i].expected);
    }
    Value r;
    assert_true(call("round", &r, float_value(-1.5e-9), int_value(3)));
    assert_true(AS_FLOAT(r) == 0.0 && signbit(AS_FLOAT(r)));
    assert_error(call("round", &r, float_value(1.7e308), int_value(-308)), EXC_OVERFLOW_ERROR,
                 "rounded value too large to represent");
    assert_error(call("round", &r, str("s")), EXC_TYPE_ERROR, "type str doesn't define __round__ method");
}

static void test_pow_and_divmod(void **state) {
    (void)state;
    Value r;
    assert_true(call("pow", &r, int_value(3), int_value(4), int_value(5)));
    assert_int_equal(AS_INT(r), 1);
    assert_true(call("pow", &r, int_value(2), int_value(-1), int_value(5)));
    assert_int_equal(AS_INT(r), 3);
    assert_true(call("pow", &r, int_value(5), int_value(3), int_value(-7)));
    assert_int_equal(AS_INT(r), -1);
    assert_error(call("pow", &r, int_value(2), int_value(3), int_value(0)), EXC_VALUE_ERROR,
                 "pow() 3rd argument cannot be 0");
    assert_true(call("divmod", &r, int_value(-7), int_value(2)));
    assert_repr(r, "(-4, 1)");
}

static void test_chr_and_ord_round_trip_code_points(void **state) {
    (void)state;
    Value r;
    assert_true(call("chr", &r, int_value(8364)));
    assert_string_equal(AS_STRING(r)->chars, "\xe2\x82\xac");
    assert_true(call("ord", &r, r));
    assert_int_equal(AS_INT(r), 8364);
    assert_true(call("chr", &r, int_value(0x1F600)));
    assert_true(call("ord", &r, r));
    assert_int_equal(AS_INT(r), 0x1F600);
}

static void test_chr_and_ord_errors(void **state) {
    (void)state;
    Value r;
    assert_error(call("chr", &r, int_value(0x110000)), EXC_VALUE_ERROR, "chr() arg not in range(0x110000)");
    assert_error(call("ord", &r, str("ab")), EXC_TYPE_ERROR,
        "ord() expected a character, but string of length 2 found");
    assert_error(call("ord", &r, int_value(1)), EXC_TYPE_ERROR, "ord() expected string of length 1, but int found");
}

/* --- Iterables ------------------------------------------------------------------------------------------- */

static void test_min_and_max_of_an_iterable_or_of_arguments(void **state) {
    (void)state;
    Value r;
    assert_true(call("min", &r, ints(3, 3, 1, 2)));
    assert_int_equal(AS_INT(r), 1);
    assert_true(call("max", &r, str("b"), str("c"), str("a")));
    assert_string_equal(AS_STRING(r)->chars, "c");
    assert_true(call("max", &r, str("h\xc3\xa9llo"))); /* the characters are new objects */
    assert_string_equal(AS_STRING(r)->chars, "\xc3\xa9");
    assert_true(call("min", &r, float_value(1.0), int_value(1))); /* the first of equals wins */
    assert_true(IS_FLOAT(r));
}

static void test_max_of_empty_sequence_raises_value_error(void **state) {
    (void)state;
    Value r;
    assert_error(call("max", &r, list_of(0, NULL)), EXC_VALUE_ERROR, "max() arg is an empty sequence");
    assert_error(call0("min", &r), EXC_TYPE_ERROR, "min expected at least 1 argument, got 0");
    assert_error(call("max", &r, int_value(5)), EXC_TYPE_ERROR, "'int' object is not iterable");
}

static void test_sum_adds_from_start(void **state) {
    (void)state;
    Value r, range;
    assert_true(call("range", &range, int_value(5)));
    assert_true(call("sum", &r, range, int_value(10)));
    assert_int_equal(AS_INT(r), 20);
    assert_true(call("sum", &r, list_of(2, ARGS(ints(1, 1), ints(1, 2))), list_of(0, NULL)));
    assert_repr(r, "[1, 2]");
    assert_error(call("sum", &r, list_of(0, NULL), str("")), EXC_TYPE_ERROR,
                 "sum() can't sum strings [use ''.join(seq) instead]");
}

static void test_any_and_all(void **state) {
    (void)state;
    Value r;
    assert_true(call("any", &r, list_of(3, ARGS(int_value(0), str(""), int_value(3)))));
    assert_true(AS_BOOL(r));
    assert_true(call("all", &r, list_of(2, ARGS(int_value(1), list_of(0, NULL)))));
    assert_false(AS_BOOL(r));
    assert_true(call("all", &r, list_of(0, NULL)));
    assert_true(AS_BOOL(r));
}

static void test_list_and_tuple_copy_any_iterable(void **state) {
    (void)state;
    Value r;
    assert_true(call("list", &r, str("ab")));
    assert_repr(r, "['a', 'b']");
    Value range;
    assert_true(call("range", &range, int_value(3)));
    assert_true(call("tuple", &r, range));
    assert_repr(r, "(0, 1, 2)");
    assert_error(call("list", &r, int_value(5)), EXC_TYPE_ERROR, "'int' object is not iterable");
}

/* 1, 1.0 and True are equal but are different values, so their order after sorting shows stability. */
static Value equal_kind(int k) {
    switch (k) {
    case 0: return int_value(0);
    case 1: return bool_value(false);
    case 2: return float_value(0.0);
    case 3: return int_value(1);
    case 4: return bool_value(true);
    default: return float_value(1.0);
    }
}

/* Sorts 5000 pseudo-random items of equal_kind and checks each group of equals kept its input order.
 * 5000 makes the last merge take a left run (4096) longer than half the list. */
static void check_stable_sort(bool use_sorted, bool reverse) {
    enum { N = 5000 };
    static int kinds[N];
    ObjList *list = list_new(vm, N);
    assert_non_null(list);
    keep(obj_value(&list->obj));
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        kinds[i] = (int)((seed >> 16) % 6);
        list->items[list->count++] = equal_kind(kinds[i]);
    }
    Value r;
    const char *keywords[] = {"reverse", NULL};
    if (use_sorted) {
        assert_true(call_kw(builtin("sorted"), &r, keywords, 2, ARGS(obj_value(&list->obj), bool_value(reverse))));
    } else {
        assert_true(call_kw(method("sort"), &r, keywords, 2, ARGS(obj_value(&list->obj), bool_value(reverse))));
        r = obj_value(&list->obj);
    }
    ObjList *sorted = AS_LIST(r);
    assert_int_equal(sorted->count, N);
    int at = 0;
    for (int g = 0; g < 2; g++) {
        int value = reverse ? 1 - g : g; /* 0-ish group first unless reversed */
        for (int i = 0; i < N; i++) {
            if (kinds[i] / 3 != value) continue;
            Value want = equal_kind(kinds[i]);
            assert_true(value_is(sorted->items[at], want));
            at++;
        }
    }
    assert_int_equal(at, N);
}

static void test_list_sort_is_stable(void **state) {
    (void)state;
    check_stable_sort(false, false);
}

static void test_sorted_with_reverse_keeps_equal_items_in_order(void **state) {
    (void)state;
    check_stable_sort(true, true);
}

static void test_sort_sorts_strings_and_propagates_compare_errors(void **state) {
    (void)state;
    Value r;
    Value words = list_of(3, ARGS(str("pear"), str("apple"), str("fig")));
    assert_true(call_method("sort", &r, words));
    assert_repr(words, "['apple', 'fig', 'pear']");
    Value items[41];
    for (int i = 0; i < 41; i++) items[i] = int_value(40 - i);
    items[20] = str("x");
    Value mixed = list_of(41, items);
    assert_false(call_method("sort", &r, mixed));
    assert_int_equal(vm->exc, EXC_TYPE_ERROR);
    vm_clear_error(vm);
    int strings = 0;
    for (uint32_t i = 0; i < AS_LIST(mixed)->count; i++) strings += IS_STRING(AS_LIST(mixed)->items[i]);
    assert_int_equal(AS_LIST(mixed)->count, 41); /* every item is still there */
    assert_int_equal(strings, 1);
}

/* --- List methods ------------------------------------------------------------------------------------------ */

static void test_list_append_insert_and_extend(void **state) {
    (void)state;
    Value list = ints(2, 1, 2), r;
    assert_true(call_method("append", &r, list, str("a")));
    assert_true(call_method("insert", &r, list, int_value(-1), int_value(9)));
    assert_true(call_method("insert", &r, list, int_value(100), int_value(7)));
    assert_true(call_method("extend", &r, list, str("bc")));
    assert_repr(list, "[1, 2, 9, 'a', 7, 'b', 'c']");
    assert_true(call_method("extend", &r, list, list)); /* a.extend(a) doubles a */
    assert_int_equal(AS_LIST(list)->count, 14);
}

static void test_list_method_arity_errors_match_cpython(void **state) {
    (void)state;
    Value list = ints(0), r;
    assert_error(call_method("append", &r, list), EXC_TYPE_ERROR, "list.append() takes exactly one argument (0 given)");
    assert_error(call_method("insert", &r, list, int_value(1)), EXC_TYPE_ERROR, "insert expected 2 arguments, got 1");
    assert_error(call_method("reverse", &r, list, int_value(1)), EXC_TYPE_ERROR,
                 "list.reverse() takes no arguments (1 given)");
    assert_error(call_method("pop", &r, list, int_value(1), int_value(2)), EXC_TYPE_ERROR,
                 "pop expected at most 1 argument, got 2");
}

static void test_list_pop_removes_and_returns(void **state) {
    (void)state;
    Value list = ints(3, 1, 2, 3), r;
    assert_true(call_method("pop", &r, list));
    assert_int_equal(AS_INT(r), 3);
    assert_true(call_method("pop", &r, list, int_value(0)));
    assert_int_equal(AS_INT(r), 1);
    assert_repr(list, "[2]");
    assert_error(call_method("pop", &r, list, int_value(5)), EXC_INDEX_ERROR, "pop index out of range");
    assert_true(call_method("pop", &r, list));
    assert_error(call_method("pop", &r, list), EXC_INDEX_ERROR, "pop from empty list");
}

static void test_list_index_count_reverse_clear_copy(void **state) {
    (void)state;
    Value list = ints(4, 1, 2, 3, 2), r;
    assert_true(call_method("index", &r, list, int_value(2)));
    assert_int_equal(AS_INT(r), 1);
    assert_true(call_method("index", &r, list, int_value(2), int_value(-2)));
    assert_int_equal(AS_INT(r), 3);
    assert_error(call_method("index", &r, list, int_value(2), int_value(1), int_value(-3)), EXC_VALUE_ERROR,
                 "2 is not in list");
    assert_error(call_method("index", &r, list, str("z")), EXC_VALUE_ERROR, "'z' is not in list");
    assert_true(call_method("count", &r, list, float_value(2.0)));
    assert_int_equal(AS_INT(r), 2);
    assert_true(call_method("reverse", &r, list));
    assert_repr(list, "[2, 3, 2, 1]");
    Value copy;
    assert_true(call_method("copy", &copy, list));
    assert_true(call_method("clear", &r, list));
    assert_repr(list, "[]");
    assert_repr(copy, "[2, 3, 2, 1]");
}

static void test_list_methods_are_found_by_name(void **state) {
    (void)state;
    Value list = keep(obj_value(&list_new(vm, 0)->obj)), m[2];
    assert_true(value_find_method(vm, list, AS_STRING(str("append")), m));
    assert_true(value_find_method(vm, list, AS_STRING(str("sort")), m));
    assert_false(value_find_method(vm, list, AS_STRING(str("appendx")), m));
    vm_clear_error(vm);
    assert_false(value_find_method(vm, list, AS_STRING(str("app")), m));
    vm_clear_error(vm);
}

/* --- Modules ------------------------------------------------------------------------------------------- */

static void test_math_functions_and_constants(void **state) {
    (void)state;
    Value r;
    assert_true(call_kw(attr("math", "sqrt"), &r, NULL, 1, ARGS(int_value(16))));
    assert_true(AS_FLOAT(r) == 4.0);
    assert_true(call_kw(attr("math", "floor"), &r, NULL, 1, ARGS(float_value(-2.5))));
    assert_true(IS_INT(r) && AS_INT(r) == -3);
    assert_true(call_kw(attr("math", "ceil"), &r, NULL, 1, ARGS(float_value(2.1))));
    assert_true(IS_INT(r) && AS_INT(r) == 3);
    assert_true(call_kw(attr("math", "log"), &r, NULL, 2, ARGS(int_value(8), int_value(2))));
    assert_true(AS_FLOAT(r) == 3.0);
    assert_true(AS_FLOAT(attr("math", "pi")) == 3.141592653589793);
    assert_true(isinf(AS_FLOAT(attr("math", "inf"))));
}

static void test_math_errors_match_cpython(void **state) {
    (void)state;
    Value r;
    assert_error(call_kw(attr("math", "sqrt"), &r, NULL, 1, ARGS(int_value(-1))), EXC_VALUE_ERROR, "math domain error");
    assert_error(call_kw(attr("math", "log"), &r, NULL, 1, ARGS(int_value(0))), EXC_VALUE_ERROR, "math domain error");
    assert_error(call_kw(attr("math", "exp"), &r, NULL, 1, ARGS(int_value(1000))), EXC_OVERFLOW_ERROR,
        "math range error");
    assert_error(call_kw(attr("math", "sin"), &r, NULL, 1, ARGS(float_value(INFINITY))), EXC_VALUE_ERROR,
                 "math domain error");
    assert_error(call_kw(attr("math", "sqrt"), &r, NULL, 2, ARGS(int_value(1), int_value(2))), EXC_TYPE_ERROR,
                 "math.sqrt() takes exactly one argument (2 given)");
    assert_error(call_kw(attr("math", "floor"), &r, NULL, 1, ARGS(str("a"))), EXC_TYPE_ERROR,
        "must be real number, not str");
    assert_error(call_kw(attr("math", "log"), &r, NULL, 2, ARGS(int_value(2), int_value(1))), EXC_ZERO_DIVISION_ERROR,
                 "float division by zero");
}

static void test_sys_argv_starts_as_an_empty_list(void **state) {
    (void)state;
    Value argv = attr("sys", "argv");
    assert_true(IS_LIST(argv));
    assert_int_equal(AS_LIST(argv)->count, 0);
    assert_ptr_equal(vm->sys_module, AS_MODULE(builtin("sys")));
}

int main(void) {
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_print_writes_str_of_each_argument),
        TEST(test_print_honours_sep_and_end_keywords),
        TEST(test_print_rejects_non_string_sep_and_unknown_keywords),
        TEST(test_len_counts_items_code_points_and_range_length),
        TEST(test_len_reports_arity_and_type_errors),
        TEST(test_range_takes_one_to_three_ints),
        TEST(test_str_and_repr_format_values),
        TEST(test_int_parses_strings_like_cpython),
        TEST(test_int_rejects_invalid_literals),
        TEST(test_int_truncates_floats_and_refuses_inf_and_nan),
        TEST(test_float_parses_strings_like_cpython),
        TEST(test_float_rejects_invalid_strings),
        TEST(test_bool_and_abs),
        TEST(test_round_uses_bankers_rounding),
        TEST(test_round_to_decimal_places_rounds_the_exact_value),
        TEST(test_pow_and_divmod),
        TEST(test_chr_and_ord_round_trip_code_points),
        TEST(test_chr_and_ord_errors),
        TEST(test_min_and_max_of_an_iterable_or_of_arguments),
        TEST(test_max_of_empty_sequence_raises_value_error),
        TEST(test_sum_adds_from_start),
        TEST(test_any_and_all),
        TEST(test_list_and_tuple_copy_any_iterable),
        TEST(test_list_sort_is_stable),
        TEST(test_sorted_with_reverse_keeps_equal_items_in_order),
        TEST(test_sort_sorts_strings_and_propagates_compare_errors),
        TEST(test_list_append_insert_and_extend),
        TEST(test_list_method_arity_errors_match_cpython),
        TEST(test_list_pop_removes_and_returns),
        TEST(test_list_index_count_reverse_clear_copy),
        TEST(test_list_methods_are_found_by_name),
        TEST(test_math_functions_and_constants),
        TEST(test_math_errors_match_cpython),
        TEST(test_sys_argv_starts_as_an_empty_list),
    };
#undef TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
