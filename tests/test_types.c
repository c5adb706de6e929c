/* test_types.c: type objects (vm/objects/type.c), keyword arguments for C functions (objects/args.c) and
 * calls from C (vm->call_value, interp/calls.c's rt_call_value).
 *
 * The GC runs at every allocation (gc_stress), so a value these paths forget to root fails here.
 * Expected messages were checked against python3.11.
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
#include "core/gc.h"
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

static Vm *vm;
static ObjList *pins; /* everything a test keeps: one temp root however many values */

static int setup(void **state) {
    (void)state;
    VmOptions options;
    vm_options_default(&options);
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
    return 0;
}

static Value keep(Value v) {
    assert_true(list_append(vm, pins, v));
    return v;
}

static Value str(const char *s) {
    ObjString *string = string_from_cstr(vm, s);
    assert_non_null(string);
    return keep(obj_value(&string->obj));
}

static Value builtin(const char *name) {
    for (uint32_t i = 0; i < vm->nbuiltins; i++) {
        if (strcmp(vm->builtin_names[i]->chars, name) == 0) return vm->builtin_values[i];
    }
    fail_msg("no builtin %s", name);
    return none_value();
}

static ObjTuple *names(int n, const char **strings) {
    ObjTuple *tuple = tuple_new(vm, (uint32_t)n);
    assert_non_null(tuple);
    keep(obj_value(&tuple->obj));
    for (int i = 0; i < n; i++) tuple->items[i] = str(strings[i]);
    return tuple;
}

static void assert_error(ExcType type, const char *message) {
    assert_int_equal(vm->exc, type);
    assert_string_equal(vm->exc_message, message);
    vm_clear_error(vm);
}

/* --- Type objects -------------------------------------------------------------------------------------- */

static void test_type_of_a_value_is_the_builtin_of_its_name(void **state) {
    (void)state;
    assert_true(value_is(obj_value(&type_object_of(vm, int_value(1))->obj), builtin("int")));
    assert_true(value_is(obj_value(&type_object_of(vm, bool_value(true))->obj), builtin("bool")));
    assert_true(value_is(obj_value(&type_object_of(vm, builtin("int"))->obj), builtin("type")));
    assert_true(value_is(obj_value(&type_object_of(vm, obj_value(&pins->obj))->obj), builtin("list")));
    assert_string_equal(type_object_of(vm, none_value())->name, "NoneType");
}

static void test_every_base_chain_ends_at_object(void **state) {
    (void)state;
    ObjTypeObject *object = AS_TYPE_OBJECT(builtin("object"));
    assert_null(object->base);
    for (int t = 0; t < OBJ_TYPE_COUNT; t++) assert_true(type_is_subtype(vm->obj_type_objects[t], object));
    assert_true(type_is_subtype(AS_TYPE_OBJECT(builtin("bool")), AS_TYPE_OBJECT(builtin("int"))));
    assert_false(type_is_subtype(AS_TYPE_OBJECT(builtin("int")), AS_TYPE_OBJECT(builtin("bool"))));
}

static void test_each_vm_has_its_own_type_objects(void **state) {
    (void)state;
    VmOptions options;
    vm_options_default(&options);
    Vm *other = vm_new(&options);
    assert_non_null(other);
    assert_ptr_not_equal(other->value_type_objects[VAL_INT], vm->value_type_objects[VAL_INT]);
    assert_string_equal(other->value_type_objects[VAL_INT]->name, "int");
    vm_free(other);
}

/* A class method through its type gets the type as args[0]; a static method gets nothing added. */
NATIVE(first_argument) {
    (void)vm, (void)kwnames;
    *result = argc > 0 ? args[0] : none_value();
    return true;
}

static const MethodDef test_methods[] = {
    {"make", first_argument, METHOD_CLASS},
    {"helper", first_argument, METHOD_STATIC},
    {"plain", first_argument, 0},
    {NULL, NULL, 0},
};

static Value test_type(void) {
    ObjTypeObject *type = (ObjTypeObject *)gc_allocate_object(vm, sizeof(ObjTypeObject), OBJ_TYPE);
    assert_non_null(type);
    *type = (ObjTypeObject){.obj = type->obj, .name = "T", .base = AS_TYPE_OBJECT(builtin("object")),
                            .methods = test_methods, .obj_type = -1};
    return keep(obj_value(&type->obj));
}

static Value call(Value fn, int argc, const Value *args) {
    Value result;
    assert_true(vm->call_value(vm, fn, args, argc, NULL, &result));
    return keep(result);
}

static void test_class_and_static_methods_through_the_type(void **state) {
    (void)state;
    Value type = test_type(), method, one = int_value(1);
    assert_true(value_getattr(vm, type, AS_STRING(str("make")), &method));
    assert_true(IS_BOUND_METHOD(keep(method)));
    assert_true(value_is(call(method, 0, NULL), type));
    assert_true(value_getattr(vm, type, AS_STRING(str("helper")), &method));
    assert_true(IS_BUILTIN(keep(method)));
    assert_true(IS_NONE(call(method, 0, NULL)));
    assert_true(value_getattr(vm, type, AS_STRING(str("plain")), &method));
    assert_true(value_is(call(keep(method), 1, &one), one)); /* unbound: self is the first argument */
    assert_false(value_getattr(vm, type, AS_STRING(str("missing")), &method));
    assert_error(EXC_ATTRIBUTE_ERROR, "type object 'T' has no attribute 'missing'");
}

/* An inline int has int's methods, which live on the big int's table (one type, two forms), and a bool
 * finds them through its base, int. */
static void test_values_not_on_the_heap_find_their_types_methods(void **state) {
    (void)state;
    ObjTypeObject *int_type = vm->value_type_objects[VAL_INT];
    assert_int_equal(int_type->obj_type, OBJ_BIGINT);
    assert_ptr_equal(int_type->methods, bigint_type.methods);
    Value pair[2], method;
    assert_true(value_find_method(vm, int_value(5), AS_STRING(str("bit_length")), pair));
    assert_true(IS_BUILTIN(keep(pair[0])));
    assert_int_equal(AS_INT(pair[1]), 5);
    assert_int_equal(AS_INT(call(pair[0], 1, &pair[1])), 3);
    assert_true(value_getattr(vm, bool_value(true), AS_STRING(str("bit_length")), &method));
    assert_true(IS_BOUND_METHOD(keep(method)));
    assert_int_equal(AS_INT(call(method, 0, NULL)), 1);
    assert_false(value_getattr(vm, int_value(5), AS_STRING(str("missing")), &method));
    assert_error(EXC_ATTRIBUTE_ERROR, "'int' object has no attribute 'missing'");
}

static void test_calling_a_type_runs_its_constructor_or_refuses(void **state) {
    (void)state;
    Value text = str("42");
    assert_int_equal(AS_INT(call(builtin("int"), 1, &text)), 42);
    Value result;
    assert_false(vm->call_value(vm, test_type(), NULL, 0, NULL, &result));
    assert_error(EXC_TYPE_ERROR, "cannot create 'T' instances");
}

/* --- Keyword arguments and calls from C ---------------------------------------------------------------- */

static void test_keyword_args_finds_each_name_and_rejects_others(void **state) {
    (void)state;
    static const char *const params[] = {"key", "default", NULL};
    Value args[] = {int_value(1), int_value(2), int_value(3)};
    Value values[2] = {undef_value(), undef_value()};
    assert_true(keyword_args(vm, "f", args, 3, names(2, (const char *[]){"default", "key"}), params, values));
    assert_int_equal(AS_INT(values[0]), 3);
    assert_int_equal(AS_INT(values[1]), 2);
    values[0] = values[1] = undef_value();
    assert_true(keyword_args(vm, "f", args, 3, names(1, (const char *[]){"key"}), params, values));
    assert_true(IS_UNDEF(values[1]));
    assert_false(keyword_args(vm, "f", args, 3, names(1, (const char *[]){"x"}), params, values));
    assert_error(EXC_TYPE_ERROR, "'x' is an invalid keyword argument for f()");
}

/* sorted(..., key=len, reverse=True) from C: a call from C whose callee calls from C again. */
static void test_call_value_nests_and_passes_keywords(void **state) {
    (void)state;
    Value words = keep(obj_value(&list_new(vm, 0)->obj));
    const char *texts[] = {"bb", "a", "ccc", "dd"};
    for (int i = 0; i < 4; i++) assert_true(list_append(vm, AS_LIST(words), str(texts[i])));
    Value args[] = {words, builtin("len"), bool_value(true)};
    Value result;
    assert_true(vm->call_value(vm, builtin("sorted"), args, 3, names(2, (const char *[]){"key", "reverse"}), &result));
    keep(result);
    const char *expected[] = {"ccc", "bb", "dd", "a"};
    assert_int_equal(AS_LIST(result)->count, 4);
    for (int i = 0; i < 4; i++) assert_string_equal(AS_STRING(AS_LIST(result)->items[i])->chars, expected[i]);
    assert_null(vm->c_call_top); /* every call from C gave its stack slots back */
}

static void test_call_value_of_a_non_callable_raises(void **state) {
    (void)state;
    Value result;
    assert_false(vm->call_value(vm, int_value(3), NULL, 0, NULL, &result));
    assert_error(EXC_TYPE_ERROR, "'int' object is not callable");
    assert_null(vm->c_call_top);
}

int main(void) {
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_type_of_a_value_is_the_builtin_of_its_name),
        TEST(test_every_base_chain_ends_at_object),
        TEST(test_each_vm_has_its_own_type_objects),
        TEST(test_class_and_static_methods_through_the_type),
        TEST(test_values_not_on_the_heap_find_their_types_methods),
        TEST(test_calling_a_type_runs_its_constructor_or_refuses),
        TEST(test_keyword_args_finds_each_name_and_rejects_others),
        TEST(test_call_value_nests_and_passes_keywords),
        TEST(test_call_value_of_a_non_callable_raises),
    };
#undef TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
