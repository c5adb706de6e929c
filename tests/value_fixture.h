/* value_fixture.h: the VM and value builders shared by test_arith.c and test_format.c.
 *
 * Each test file includes this once, after cmocka.h and runtime.h; setup/teardown make one Vm per group.
 * The one-letter builders (I, F, S, L, T, R) mirror the Python constructors the expectations were checked
 * with in python3.11.
 */
#ifndef cpvm_value_fixture_h
#define cpvm_value_fixture_h

static Vm *vm;
/* Every value a test builds is appended here, and this list is a GC root, so tests stay correct when
 * run with CPVM_GC_STRESS=1 (which then checks the rooting inside the code under test). */
static ObjList *keep_alive;

static inline int setup(void **state) {
    (void)state;
    VmOptions options;
    vm_options_default(&options);
    vm = vm_new(&options);
    if (vm == NULL) return -1;
    keep_alive = list_new(vm, 0);
    vm_push_root(vm, obj_value(&keep_alive->obj));
    return 0;
}

static inline Value keep(Value v) {
    assert_true(list_append(vm, keep_alive, v));
    return v;
}

static inline int teardown(void **state) {
    (void)state;
    vm_free(vm);
    return 0;
}

/* Value builders, named like the Python constructors the checker maps them to. The values made here are
 * used at once; the GC only runs past 1 MiB (or under CPVM_GC_STRESS, where arith.c roots its operands). */
#define True bool_value(true)
#define False bool_value(false)
#define None none_value()
static inline Value I(int64_t i) { return int_value(i); }
static inline Value F(double d) { return float_value(d); }
static inline Value S(const char *s) { return keep(obj_value(&string_from_cstr(vm, s)->obj)); }
static inline Value R(int64_t start, int64_t stop, int64_t step) { return keep(obj_value(&range_new(vm, start, stop, step)->obj)); }
static inline Value build(bool is_list, int n, va_list ap) {
    Value out;
    if (is_list) {
        ObjList *l = list_new(vm, (uint32_t)n);
        for (int i = 0; i < n; i++) l->items[i] = va_arg(ap, Value);
        l->count = (uint32_t)n;
        out = obj_value(&l->obj);
    } else {
        ObjTuple *t = tuple_new(vm, (uint32_t)n);
        for (int i = 0; i < n; i++) t->items[i] = va_arg(ap, Value);
        out = obj_value(&t->obj);
    }
    return keep(out);
}
static inline Value L(int n, ...) {
    va_list ap;
    va_start(ap, n);
    Value v = build(true, n, ap);
    va_end(ap);
    return v;
}
static inline Value T(int n, ...) {
    va_list ap;
    va_start(ap, n);
    Value v = build(false, n, ap);
    va_end(ap);
    return v;
}


static inline void assert_error(ExcType type, const char *message) {
    assert_string_equal(vm_exception_name(vm->exc), vm_exception_name(type));
    assert_string_equal(vm->exc_message, message);
    vm_clear_error(vm);
}

#endif
