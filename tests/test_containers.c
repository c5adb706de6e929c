/* test_containers.c: indexing, slicing, slice assignment, unpacking and iteration (vm/ops/containers.c).
 *
 * Every expected value and message was checked against python3.11 (python3 -c "print([0,1,2,3,4][::-2])").
 * Values are compared through their repr (objects/protocol.c), and the GC runs at every allocation (gc_stress) so
 * a missing root shows up as a wrong repr or a crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "core/vm.h"
#include "ops/runtime.h"

static Vm *vm;

static int setup(void **state) {
    (void)state;
    VmOptions options;
    vm_options_default(&options);
    vm = vm_new(&options);
    if (vm == NULL) return -1;
    vm->gc_stress = true;
    return 0;
}

static int teardown(void **state) {
    (void)state;
    vm_free(vm);
    return 0;
}

/* Roots [v] for the rest of the test (the GC runs at every allocation). */
static Value keep(Value v) {
    vm_push_root(vm, v);
    return v;
}

static Value str(const char *s) {
    ObjString *string = string_from_cstr(vm, s);
    assert_non_null(string);
    return keep(obj_value(&string->obj));
}

/* [first, first + 1, ..., first + n - 1] */
static Value int_list(int n, int first) {
    ObjList *list = list_new(vm, 0);
    assert_non_null(list);
    keep(obj_value(&list->obj));
    for (int i = 0; i < n; i++) assert_true(list_append(vm, list, int_value(first + i)));
    return obj_value(&list->obj);
}

static Value int_tuple(int n) {
    ObjTuple *tuple = tuple_new(vm, (uint32_t)n);
    assert_non_null(tuple);
    for (int i = 0; i < n; i++) tuple->items[i] = int_value(i);
    return keep(obj_value(&tuple->obj));
}

static Value range(int64_t start, int64_t stop, int64_t step) {
    ObjRange *r = range_new(vm, start, stop, step);
    assert_non_null(r);
    return keep(obj_value(&r->obj));
}

#define NONE INT64_MIN + 1 /* stands for None in the slice tables (INT64_MIN + 1 is never a test index) */

static Value part(int64_t v) { return v == NONE ? none_value() : int_value(v); }

static Value slice(int64_t start, int64_t stop, int64_t step) {
    ObjSlice *s = slice_new(vm, part(start), part(stop), part(step));
    assert_non_null(s);
    return keep(obj_value(&s->obj));
}

static void assert_repr(Value v, const char *expected) {
    vm_push_root(vm, v); /* often a fresh result, held only here */
    StrBuf b;
    strbuf_init(&b);
    assert_true(value_write_repr(vm, &b, v));
    strbuf_append(vm, &b, "", 1);
    assert_string_equal(b.chars, expected);
    strbuf_free(vm, &b);
    vm_pop_root(vm);
}

/* Code points in the UTF-8 [s]: the bytes that are not continuation bytes. */
static uint32_t code_points(const char *s) {
    uint32_t n = 0;
    for (; *s != '\0'; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void assert_str(Value v, const char *expected) {
    assert_true(IS_STRING(v));
    assert_string_equal(AS_STRING(v)->chars, expected);
}

/* Asserts the last call failed with [type] and [message], then clears the error. */
static void assert_error(bool ok, ExcType type, const char *message) {
    assert_false(ok);
    assert_int_equal(vm->exc, type);
    assert_string_equal(vm->exc_message, message);
    vm_clear_error(vm);
}

/* --- Indexing ------------------------------------------------------------------------------------------ */

static void test_list_index_accepts_negative_and_bool_indices(void **state) {
    (void)state;
    Value list = int_list(5, 10);
    Value r;
    assert_true(rt_subscr(vm, list, int_value(-1), &r));
    assert_int_equal(AS_INT(r), 14);
    assert_true(rt_subscr(vm, list, bool_value(true), &r));
    assert_int_equal(AS_INT(r), 11);
}

static void test_list_index_out_of_range_raises_index_error(void **state) {
    (void)state;
    Value list = int_list(3, 0), r;
    assert_error(rt_subscr(vm, list, int_value(3), &r), EXC_INDEX_ERROR, "list index out of range");
    assert_error(rt_subscr(vm, list, int_value(-4), &r), EXC_INDEX_ERROR, "list index out of range");
}

static void test_sequence_index_errors_name_their_type(void **state) {
    (void)state;
    Value r;
    assert_error(rt_subscr(vm, int_list(1, 0), str("x"), &r), EXC_TYPE_ERROR,
                 "list indices must be integers or slices, not str");
    assert_error(rt_subscr(vm, int_tuple(1), float_value(1.0), &r), EXC_TYPE_ERROR,
                 "tuple indices must be integers or slices, not float");
    assert_error(rt_subscr(vm, str("ab"), str("x"), &r), EXC_TYPE_ERROR, "string indices must be integers, not 'str'");
    assert_error(rt_subscr(vm, int_tuple(2), int_value(2), &r), EXC_INDEX_ERROR, "tuple index out of range");
    assert_error(rt_subscr(vm, str("a"), int_value(5), &r), EXC_INDEX_ERROR, "string index out of range");
}

static void test_int_is_not_subscriptable(void **state) {
    (void)state;
    Value r;
    assert_error(rt_subscr(vm, int_value(5), int_value(1), &r), EXC_TYPE_ERROR, "'int' object is not subscriptable");
    assert_error(rt_subscr(vm, int_value(5), slice(1, 2, NONE), &r), EXC_TYPE_ERROR,
                 "'int' object is not subscriptable");
}

static void test_str_index_counts_code_points(void **state) {
    (void)state;
    Value s = str("h\xc3\xa9llo w\xc3\xb6rld"), r; /* "héllo wörld" */
    assert_true(rt_subscr(vm, s, int_value(1), &r));
    assert_str(r, "\xc3\xa9");
    assert_true(rt_subscr(vm, s, int_value(-4), &r));
    assert_str(r, "\xc3\xb6");
    assert_true(rt_subscr(vm, s, int_value(10), &r));
    assert_str(r, "d");
}

/* --- Slicing ------------------------------------------------------------------------------------------- */

typedef struct {
    int64_t start, stop, step;
    const char *expected;
} SliceCase;

static void test_list_slices_match_cpython(void **state) {
    (void)state;
    static const SliceCase cases[] = {
        {NONE, NONE, NONE, "[0, 1, 2, 3, 4]"},
        {1, NONE, NONE, "[1, 2, 3, 4]"},
        {NONE, 3, NONE, "[0, 1, 2]"},
        {-2, NONE, NONE, "[3, 4]"},
        {NONE, -1, NONE, "[0, 1, 2, 3]"},
        {-10, 10, NONE, "[0, 1, 2, 3, 4]"},
        {3, 1, NONE, "[]"},
        {NONE, NONE, -1, "[4, 3, 2, 1, 0]"},
        {NONE, NONE, 2, "[0, 2, 4]"},
        {NONE, NONE, -2, "[4, 2, 0]"},
        {1, 4, 2, "[1, 3]"},
        {4, 1, -1, "[4, 3, 2]"},
        {4, 1, -2, "[4, 2]"},
        {-1, -6, -1, "[4, 3, 2, 1, 0]"},
        {-1, -6, -2, "[4, 2, 0]"},
        {10, NONE, -1, "[4, 3, 2, 1, 0]"},
        {NONE, -10, -1, "[4, 3, 2, 1, 0]"},
        {-10, NONE, -1, "[]"},
        {6, NONE, -3, "[4, 1]"},
        {0, 5, 100, "[0]"},
        {NONE, NONE, -100, "[4]"},
        {INT64_MAX, NONE, NONE, "[]"},
        {INT64_MIN, INT64_MAX, NONE, "[0, 1, 2, 3, 4]"},
        {NONE, NONE, INT64_MIN, "[4]"},
        {INT64_MAX, NONE, -1, "[4, 3, 2, 1, 0]"},
        {INT64_MIN, NONE, -1, "[]"},
        {2, 2, NONE, "[]"},
        {5, NONE, NONE, "[]"},
        {0, 0, -1, "[]"},
        {3, -3, 1, "[]"},
    };
    Value list = int_list(5, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value r;
        assert_true(rt_subscr(vm, list, slice(cases[i].start, cases[i].stop, cases[i].step), &r));
        assert_repr(r, cases[i].expected);
        vm_pop_root(vm); /* the slice */
    }
}

static void test_tuple_slice_is_a_tuple(void **state) {
    (void)state;
    Value r;
    assert_true(rt_subscr(vm, int_tuple(5), slice(NONE, NONE, -2), &r));
    assert_repr(r, "(4, 2, 0)");
}

static void test_non_ascii_str_slices_match_cpython(void **state) {
    (void)state;
    static const SliceCase cases[] = {
        {NONE, NONE, -1, "dlr\xc3\xb6w oll\xc3\xa9h"},
        {1, 8, 3, "\xc3\xa9o\xc3\xb6"},
        {-3, NONE, NONE, "rld"},
        {2, -2, NONE, "llo w\xc3\xb6r"},
        {NONE, NONE, 2, "hlowrd"},
        {9, 2, -2, "l\xc3\xb6 l"},
        {NONE, NONE, NONE, "h\xc3\xa9llo w\xc3\xb6rld"},
        {20, NONE, -4, "dwl"},
    };
    Value s = str("h\xc3\xa9llo w\xc3\xb6rld");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Value r;
        assert_true(rt_subscr(vm, s, slice(cases[i].start, cases[i].stop, cases[i].step), &r));
        assert_str(r, cases[i].expected);
        assert_int_equal(AS_STRING(r)->char_count, code_points(cases[i].expected));
        vm_pop_root(vm);
    }
}

static void test_ascii_str_extended_slice(void **state) {
    (void)state;
    Value r;
    assert_true(rt_subscr(vm, str("abcdefg"), slice(-1, 0, -3), &r));
    assert_str(r, "gd");
}

static void test_slice_step_zero_raises_value_error(void **state) {
    (void)state;
    Value r;
    assert_error(rt_subscr(vm, str("ab"), slice(NONE, NONE, 0), &r), EXC_VALUE_ERROR, "slice step cannot be zero");
    assert_error(rt_subscr(vm, range(0, 3, 1), slice(NONE, NONE, 0), &r), EXC_VALUE_ERROR,
                 "slice step cannot be zero");
}

static void test_slice_with_float_bound_raises_type_error(void **state) {
    (void)state;
    Value r, items[2] = {float_value(1.0), none_value()};
    assert_true(rt_build_slice(vm, items, 2, &r)); /* accepted when built, refused when used */
    keep(r);
    assert_error(rt_subscr(vm, int_list(2, 0), r, &r), EXC_TYPE_ERROR,
                 "slice indices must be integers or None or have an __index__ method");
}

static void test_range_supports_index_and_slice(void **state) {
    (void)state;
    Value r3 = range(3, 30, 4), r;
    assert_true(rt_subscr(vm, r3, int_value(2), &r));
    assert_int_equal(AS_INT(r), 11);
    assert_true(rt_subscr(vm, r3, int_value(-1), &r));
    assert_int_equal(AS_INT(r), 27);
    assert_error(rt_subscr(vm, r3, int_value(7), &r), EXC_INDEX_ERROR, "range object index out of range");
    assert_true(rt_subscr(vm, r3, slice(1, 5, 2), &r)); /* range(7, 23, 8) */
    assert_int_equal(AS_RANGE(r)->start, 7);
    assert_int_equal(AS_RANGE(r)->stop, 23);
    assert_int_equal(AS_RANGE(r)->step, 8);
    assert_true(rt_subscr(vm, r3, slice(NONE, NONE, -1), &r)); /* range(27, -1, -4) */
    assert_int_equal(AS_RANGE(r)->start, 27);
    assert_int_equal(AS_RANGE(r)->stop, -1);
    assert_int_equal(AS_RANGE(r)->step, -4);
}

/* --- Assignment ---------------------------------------------------------------------------------------- */

static void test_store_subscr_replaces_list_item(void **state) {
    (void)state;
    Value list = int_list(3, 0);
    assert_true(rt_store_subscr(vm, list, int_value(-1), str("x")));
    assert_repr(list, "[0, 1, 'x']");
    assert_error(rt_store_subscr(vm, list, int_value(3), none_value()), EXC_INDEX_ERROR,
                 "list assignment index out of range");
    assert_error(rt_store_subscr(vm, list, str("a"), none_value()), EXC_TYPE_ERROR,
                 "list indices must be integers or slices, not str");
}

static void test_store_subscr_on_immutables_raises_type_error(void **state) {
    (void)state;
    assert_error(rt_store_subscr(vm, int_tuple(1), int_value(0), none_value()), EXC_TYPE_ERROR,
                 "'tuple' object does not support item assignment");
    assert_error(rt_store_subscr(vm, str("a"), int_value(0), none_value()), EXC_TYPE_ERROR,
                 "'str' object does not support item assignment");
    assert_error(rt_store_subscr(vm, int_value(5), int_value(0), none_value()), EXC_TYPE_ERROR,
                 "'int' object does not support item assignment");
}

static void test_slice_assignment_with_step_one_resizes_list(void **state) {
    (void)state;
    Value list = int_list(5, 0);
    assert_true(rt_store_subscr(vm, list, slice(1, 4, NONE), str("ab"))); /* x[1:4] = "ab" */
    assert_repr(list, "[0, 'a', 'b', 4]");
    assert_true(rt_store_subscr(vm, list, slice(2, 2, NONE), range(0, 12, 1))); /* grows past capacity */
    assert_repr(list, "[0, 'a', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 'b', 4]");
    assert_true(rt_store_subscr(vm, list, slice(3, NONE, NONE), int_tuple(0)));
    assert_repr(list, "[0, 'a', 0]");
    assert_true(rt_store_subscr(vm, list, slice(5, 1, NONE), int_tuple(1))); /* stop < start inserts at start */
    assert_repr(list, "[0, 'a', 0, 0]");
}

static void test_slice_assignment_from_the_list_itself_copies_first(void **state) {
    (void)state;
    Value list = int_list(3, 1);
    assert_true(rt_store_subscr(vm, list, slice(1, NONE, NONE), list)); /* a[1:] = a */
    assert_repr(list, "[1, 1, 2, 3]");
    assert_true(rt_store_subscr(vm, list, slice(NONE, NONE, -1), list)); /* a[::-1] = a */
    assert_repr(list, "[3, 2, 1, 1]");
}

static void test_extended_slice_assignment_requires_equal_length(void **state) {
    (void)state;
    Value list = int_list(5, 0);
    assert_true(rt_store_subscr(vm, list, slice(NONE, NONE, 2), str("xyz")));
    assert_repr(list, "['x', 1, 'y', 3, 'z']");
    assert_error(rt_store_subscr(vm, list, slice(NONE, NONE, 2), int_list(2, 0)), EXC_VALUE_ERROR,
                 "attempt to assign sequence of size 2 to extended slice of size 3");
    assert_error(rt_store_subscr(vm, list, slice(NONE, NONE, 2), int_value(5)), EXC_TYPE_ERROR,
                 "must assign iterable to extended slice");
    assert_error(rt_store_subscr(vm, list, slice(NONE, NONE, NONE), int_value(5)), EXC_TYPE_ERROR,
                 "can only assign an iterable");
}

/* --- Building and unpacking ----------------------------------------------------------------------------- */

static void test_build_list_and_tuple_copy_their_items(void **state) {
    (void)state;
    Value items[3] = {int_value(1), str("a"), none_value()}, r;
    assert_true(rt_build_list(vm, items, 3, &r));
    assert_repr(r, "[1, 'a', None]");
    assert_true(rt_build_tuple(vm, items, 1, &r));
    assert_repr(r, "(1,)");
}

static void test_unpack_writes_first_element_on_top(void **state) {
    (void)state;
    Value dest[3];
    assert_true(rt_unpack_sequence(vm, int_list(3, 7), 3, dest));
    assert_int_equal(AS_INT(dest[0]), 9);
    assert_int_equal(AS_INT(dest[2]), 7);
    assert_true(rt_unpack_sequence(vm, range(10, 0, -5), 2, dest));
    assert_int_equal(AS_INT(dest[0]), 5);
    assert_int_equal(AS_INT(dest[1]), 10);
}

static void test_unpack_of_a_string_makes_characters(void **state) {
    (void)state;
    Value dest[3];
    assert_true(rt_unpack_sequence(vm, str("a\xc3\xa9z"), 3, dest));
    assert_str(dest[0], "z");
    assert_str(dest[1], "\xc3\xa9");
    assert_str(dest[2], "a");
}

static void test_unpack_reports_too_many_and_not_enough(void **state) {
    (void)state;
    Value dest[3];
    assert_error(rt_unpack_sequence(vm, int_list(2, 0), 3, dest), EXC_VALUE_ERROR,
                 "not enough values to unpack (expected 3, got 2)");
    assert_error(rt_unpack_sequence(vm, int_tuple(3), 2, dest), EXC_VALUE_ERROR,
                 "too many values to unpack (expected 2)");
    assert_error(rt_unpack_sequence(vm, str("abc"), 2, dest), EXC_VALUE_ERROR,
        "too many values to unpack (expected 2)");
    assert_error(rt_unpack_sequence(vm, range(0, 2, 1), 3, dest), EXC_VALUE_ERROR,
                 "not enough values to unpack (expected 3, got 2)");
}

static void test_unpack_non_iterable_raises_type_error(void **state) {
    (void)state;
    Value dest[2];
    assert_error(rt_unpack_sequence(vm, int_value(5), 2, dest), EXC_TYPE_ERROR,
        "cannot unpack non-iterable int object");
}

/* --- Iteration ----------------------------------------------------------------------------------------- */

static void test_list_iteration_sees_appended_items(void **state) {
    (void)state;
    Value list = int_list(2, 0), it, next;
    assert_true(rt_get_iter(vm, list, &it));
    keep(it);
    assert_int_equal(rt_for_iter(vm, it, &next), 1);
    assert_true(list_append(vm, AS_LIST(list), int_value(42)));
    assert_int_equal(rt_for_iter(vm, it, &next), 1);
    assert_int_equal(rt_for_iter(vm, it, &next), 1);
    assert_int_equal(AS_INT(next), 42);
    assert_int_equal(rt_for_iter(vm, it, &next), 0);
    assert_true(list_append(vm, AS_LIST(list), int_value(43)));
    assert_int_equal(rt_for_iter(vm, it, &next), 0); /* exhausted stays exhausted */
}

static void test_str_iteration_yields_code_points(void **state) {
    (void)state;
    Value it, next;
    assert_true(rt_get_iter(vm, str("\xc3\xa9t\xe2\x82\xac"), &it)); /* "ét€" */
    keep(it);
    assert_int_equal(rt_for_iter(vm, it, &next), 1);
    assert_str(next, "\xc3\xa9");
    assert_int_equal(rt_for_iter(vm, it, &next), 1);
    assert_str(next, "t");
    assert_int_equal(rt_for_iter(vm, it, &next), 1);
    assert_str(next, "\xe2\x82\xac");
    assert_int_equal(rt_for_iter(vm, it, &next), 0);
}

static void test_range_iterator_keeps_state_for_the_inline_path(void **state) {
    (void)state;
    Value it, next;
    assert_true(rt_get_iter(vm, range(5, -2, -3), &it));
    keep(it);
    assert_true(IS_RANGE_ITER(it)); /* its own type, which FOR_ITER steps inline */
    int64_t seen[4];
    int n = 0;
    while (rt_for_iter(vm, it, &next) == 1 && n < 4) seen[n++] = AS_INT(next);
    assert_int_equal(n, 3);
    assert_int_equal(seen[0], 5);
    assert_int_equal(seen[1], 2);
    assert_int_equal(seen[2], -1);
}

static void test_range_iteration_stops_at_int64_max(void **state) {
    (void)state;
    Value it, next;
    assert_true(rt_get_iter(vm, range(INT64_MAX - 1, INT64_MAX, 7), &it));
    keep(it);
    assert_int_equal(rt_for_iter(vm, it, &next), 1);
    assert_int_equal(AS_INT(next), INT64_MAX - 1);
    assert_int_equal(rt_for_iter(vm, it, &next), 0);
}

static void test_iterator_is_its_own_iterator(void **state) {
    (void)state;
    Value it, again;
    assert_true(rt_get_iter(vm, int_tuple(2), &it));
    keep(it);
    assert_true(rt_get_iter(vm, it, &again));
    assert_true(value_is(it, again));
}

static void test_get_iter_of_int_raises_type_error(void **state) {
    (void)state;
    Value it;
    assert_error(rt_get_iter(vm, int_value(5), &it), EXC_TYPE_ERROR, "'int' object is not iterable");
}

/* --- Hashing (the hash slot; dict and set will use it) -------------------------------------------------- */

static Value pair(Value a, Value b) {
    ObjTuple *t = tuple_new(vm, 2);
    assert_non_null(t);
    t->items[0] = a;
    t->items[1] = b;
    return keep(obj_value(&t->obj));
}

static int64_t hash_of(Value v) {
    uint64_t h;
    assert_true(value_hash(vm, v, &h));
    return (int64_t)h;
}

/* The expected numbers are python3.11's hash() of the same values. */
static void test_numbers_and_tuples_hash_as_in_cpython(void **state) {
    (void)state;
    assert_int_equal(hash_of(int_value(-1)), -2);
    assert_int_equal(hash_of(int_value((int64_t)1 << 62)), 2);
    assert_int_equal(hash_of(float_value(1.5)), 1152921504606846977LL);
    assert_int_equal(hash_of(float_value(-2.5)), -1152921504606846978LL);
    assert_int_equal(hash_of(float_value(1e300)), 1224995262755759164LL);
    assert_int_equal(hash_of(float_value(3.0)), hash_of(int_value(3)));
    assert_int_equal(hash_of(bool_value(true)), hash_of(int_value(1)));
    assert_int_equal(hash_of(int_tuple(0)), 5740354900026072187LL);
    assert_int_equal(hash_of(pair(int_value(1), int_value(2))), -3550055125485641917LL);
    assert_int_equal(hash_of(pair(int_value(1), pair(int_value(2), float_value(3.0)))), 7267574591690527098LL);
}

static void test_lists_are_unhashable(void **state) {
    (void)state;
    uint64_t h;
    assert_false(value_hash(vm, int_list(2, 0), &h));
    assert_string_equal(vm->exc_message, "unhashable type: 'list'");
    vm_clear_error(vm);
    assert_false(value_hash(vm, pair(int_value(1), int_list(1, 0)), &h));
    assert_string_equal(vm->exc_message, "unhashable type: 'list'");
    vm_clear_error(vm);
}

int main(void) {
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_list_index_accepts_negative_and_bool_indices),
        TEST(test_list_index_out_of_range_raises_index_error),
        TEST(test_sequence_index_errors_name_their_type),
        TEST(test_int_is_not_subscriptable),
        TEST(test_str_index_counts_code_points),
        TEST(test_list_slices_match_cpython),
        TEST(test_tuple_slice_is_a_tuple),
        TEST(test_non_ascii_str_slices_match_cpython),
        TEST(test_ascii_str_extended_slice),
        TEST(test_slice_step_zero_raises_value_error),
        TEST(test_slice_with_float_bound_raises_type_error),
        TEST(test_range_supports_index_and_slice),
        TEST(test_store_subscr_replaces_list_item),
        TEST(test_store_subscr_on_immutables_raises_type_error),
        TEST(test_slice_assignment_with_step_one_resizes_list),
        TEST(test_slice_assignment_from_the_list_itself_copies_first),
        TEST(test_extended_slice_assignment_requires_equal_length),
        TEST(test_build_list_and_tuple_copy_their_items),
        TEST(test_unpack_writes_first_element_on_top),
        TEST(test_unpack_of_a_string_makes_characters),
        TEST(test_unpack_reports_too_many_and_not_enough),
        TEST(test_unpack_non_iterable_raises_type_error),
        TEST(test_list_iteration_sees_appended_items),
        TEST(test_str_iteration_yields_code_points),
        TEST(test_range_iterator_keeps_state_for_the_inline_path),
        TEST(test_range_iteration_stops_at_int64_max),
        TEST(test_iterator_is_its_own_iterator),
        TEST(test_get_iter_of_int_raises_type_error),
        TEST(test_numbers_and_tuples_hash_as_in_cpython),
        TEST(test_lists_are_unhashable),
    };
#undef TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
