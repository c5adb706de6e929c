/* test_dict.c: what the program tests cannot reach yet: dict(key=value) (the compiler refuses keyword
 * calls other than print's for now), `del d[k]` (store_subscript with VAL_UNDEF, as DELETE_SUBSCR will
 * call it), and frozenset's hash, which must be python3.11's number (cpvm has no hash() builtin yet).
 *
 * Expected numbers come from python3.11 (python3 -c "print(hash(frozenset({1, 2, 3})))"). The GC runs at
 * every allocation, so a missing root shows up as a wrong repr or a crash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "core/vm.h"
#include "objects/object.h"

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

static Value keep(Value v) {
    vm_push_root(vm, v);
    return v;
}

static Value str(const char *s) { return keep(obj_value(&string_from_cstr(vm, s)->obj)); }

static void assert_repr(Value v, const char *expected) {
    StrBuf b;
    strbuf_init(&b);
    assert_true(value_write_repr(vm, &b, v));
    assert_int_equal(b.length, strlen(expected));
    assert_memory_equal(b.chars, expected, b.length);
    strbuf_free(vm, &b);
}

static ObjTuple *names(int count, const char **which) {
    ObjTuple *t = tuple_new(vm, (uint32_t)count);
    keep(obj_value(&t->obj));
    for (int i = 0; i < count; i++) t->items[i] = str(which[i]);
    return t;
}

static void test_dict_builtin_takes_keyword_arguments_after_its_positional_one(void **state) {
    (void)state;
    const char *keys[] = {"b", "a"};
    ObjTuple *kwnames = names(2, keys);
    Value args[2] = {int_value(2), int_value(1)};
    Value result;
    assert_true(builtin_dict(vm, args, 2, kwnames, &result));
    assert_repr(keep(result), "{'b': 2, 'a': 1}");
    /* dict({'a': 0, 'c': 3}, a=1): the keywords come last and win. */
    ObjDict *base = dict_new(vm);
    keep(obj_value(&base->obj));
    assert_true(dict_set(vm, base, str("a"), int_value(0)));
    assert_true(dict_set(vm, base, str("c"), int_value(3)));
    const char *one[] = {"a"};
    Value args2[2] = {obj_value(&base->obj), int_value(1)};
    assert_true(builtin_dict(vm, args2, 2, names(1, one), &result));
    assert_repr(keep(result), "{'a': 1, 'c': 3}");
}

static void test_dict_builtin_refuses_two_positional_arguments(void **state) {
    (void)state;
    Value args[2] = {int_value(1), int_value(2)};
    Value result;
    assert_false(builtin_dict(vm, args, 2, NULL, &result));
    assert_int_equal(vm->exc, EXC_TYPE_ERROR);
    assert_string_equal(vm->exc_message, "dict expected at most 1 argument, got 2");
    vm->exc = EXC_NONE;
}

/* del d[k]: store_subscript with VAL_UNDEF removes the key, and a missing key is KeyError(key). */
static void test_dict_store_of_undef_deletes_and_a_missing_key_is_a_key_error(void **state) {
    (void)state;
    ObjDict *d = dict_new(vm);
    Value dv = keep(obj_value(&d->obj));
    for (int i = 0; i < 4; i++) assert_true(value_store_subscript(vm, dv, int_value(i), int_value(i * i)));
    assert_true(value_store_subscript(vm, dv, int_value(1), undef_value()));
    assert_repr(dv, "{0: 0, 2: 4, 3: 9}");
    assert_true(value_store_subscript(vm, dv, int_value(1), int_value(7))); /* back, at the end */
    assert_repr(dv, "{0: 0, 2: 4, 3: 9, 1: 7}");
    assert_false(value_store_subscript(vm, dv, str("gone"), undef_value()));
    assert_int_equal(vm->exc, EXC_KEY_ERROR);
    assert_string_equal(vm->exc_message, "'gone'");
    vm->exc = EXC_NONE;
}

static uint64_t frozenset_hash_of(const int64_t *items, int count) {
    ObjSet *set = set_new(vm, OBJ_FROZENSET);
    keep(obj_value(&set->obj));
    for (int i = 0; i < count; i++) assert_true(set_insert(vm, set, int_value(items[i])));
    uint64_t hash;
    assert_true(value_hash(vm, obj_value(&set->obj), &hash));
    return hash;
}

static void test_frozenset_hash_is_python311s(void **state) {
    (void)state;
    const int64_t three[] = {3, 1, 2};
    assert_int_equal((int64_t)frozenset_hash_of(NULL, 0), 133146708735736LL);
    assert_int_equal((int64_t)frozenset_hash_of(three, 3), -272375401224217160LL);
    /* hash(frozenset({frozenset({1})})): a frozenset element hashes by its own frozenset hash. */
    ObjSet *inner = set_new(vm, OBJ_FROZENSET);
    keep(obj_value(&inner->obj));
    assert_true(set_insert(vm, inner, int_value(1)));
    ObjSet *outer = set_new(vm, OBJ_FROZENSET);
    keep(obj_value(&outer->obj));
    assert_true(set_insert(vm, outer, obj_value(&inner->obj)));
    uint64_t hash;
    assert_true(value_hash(vm, obj_value(&outer->obj), &hash));
    assert_int_equal((int64_t)hash, 5515263749738256364LL);
}

static void test_set_and_dict_are_unhashable(void **state) {
    (void)state;
    uint64_t hash;
    assert_false(value_hash(vm, keep(obj_value(&set_new(vm, OBJ_SET)->obj)), &hash));
    assert_string_equal(vm->exc_message, "unhashable type: 'set'");
    vm->exc = EXC_NONE;
    assert_false(value_hash(vm, keep(obj_value(&dict_new(vm)->obj)), &hash));
    assert_string_equal(vm->exc_message, "unhashable type: 'dict'");
    vm->exc = EXC_NONE;
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_dict_builtin_takes_keyword_arguments_after_its_positional_one, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dict_builtin_refuses_two_positional_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dict_store_of_undef_deletes_and_a_missing_key_is_a_key_error, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_frozenset_hash_is_python311s, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_and_dict_are_unhashable, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
