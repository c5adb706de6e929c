/* test_text_keywords.c: the keyword forms of the str and bytes methods that take keywords (split, rsplit,
 * splitlines, expandtabs, encode, decode, str.format), called as LOAD_METHOD and CALL_KW would call them.
 * The compiler accepts only print's keywords on this branch, so the program tests cover the positional
 * forms and this file the keyword ones. Results and messages were checked against python3.11; the GC
 * runs at every allocation.
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
static ObjList *pins; /* everything a test keeps, rooted through one list */

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

static Value str(const char *s) { return keep(obj_value(&string_from_cstr(vm, s)->obj)); }

/* self.name(args..., keywords...): [nkw] of the [argc] arguments after self are named by [names]. */
static bool call(Value self, const char *name, int argc, Value *args, int nkw, const char **names, Value *result) {
    Value pair[2], all[8]; /* value_find_method gives (method, self), or (undef, bound) for a class method */
    assert_true(value_find_method(vm, self, AS_STRING(str(name)), pair));
    Value method = keep(pair[0]);
    assert_true(IS_BUILTIN(method));
    ObjTuple *kwnames = NULL;
    if (nkw > 0) {
        kwnames = tuple_new(vm, (uint32_t)nkw);
        keep(obj_value(&kwnames->obj));
        for (int k = 0; k < nkw; k++) kwnames->items[k] = str(names[k]);
    }
    all[0] = self;
    for (int i = 0; i < argc; i++) all[i + 1] = args[i];
    *result = none_value();
    bool ok = AS_BUILTIN(method)->fn(vm, all, argc + 1, kwnames, result);
    if (ok) keep(*result);
    return ok;
}

static void assert_repr(Value v, const char *expected) {
    StrBuf b;
    strbuf_init(&b);
    assert_true(value_write_repr(vm, &b, v));
    strbuf_append(vm, &b, "", 1);
    assert_string_equal(b.chars, expected);
    strbuf_free(vm, &b);
}

#define ARGS(...) ((Value[]){__VA_ARGS__})

static void test_split_rsplit_and_splitlines_take_their_keywords(void **state) {
    (void)state;
    Value r;
    assert_true(call(str("a,b,c"), "split", 2, ARGS(str(","), int_value(1)), 2, (const char *[]){"sep", "maxsplit"}, &r));
    assert_repr(r, "['a', 'b,c']");
    assert_true(call(str("a b c"), "rsplit", 1, ARGS(int_value(1)), 1, (const char *[]){"maxsplit"}, &r));
    assert_repr(r, "['a b', 'c']");
    assert_true(call(str("x\ny\n"), "splitlines", 1, ARGS(bool_value(true)), 1, (const char *[]){"keepends"}, &r));
    assert_repr(r, "['x\\n', 'y\\n']");
    assert_true(call(str("a\tb"), "expandtabs", 1, ARGS(int_value(2)), 1, (const char *[]){"tabsize"}, &r));
    assert_repr(r, "'a b'");
    assert_false(call(str("a"), "split", 1, ARGS(str(",")), 1, (const char *[]){"separator"}, &r));
    assert_string_equal(vm->exc_message, "'separator' is an invalid keyword argument for split()");
    vm_clear_error(vm);
}

static void test_encode_and_decode_take_encoding_and_errors(void **state) {
    (void)state;
    Value r;
    assert_true(call(str("aé"), "encode", 2, ARGS(str("ascii"), str("replace")), 2,
                     (const char *[]){"encoding", "errors"}, &r));
    assert_repr(r, "b'a?'");
    Value bad = keep(obj_value(&bytes_copy(vm, "a\xff", 2)->obj));
    assert_true(call(bad, "decode", 1, ARGS(str("ignore")), 1, (const char *[]){"errors"}, &r));
    assert_repr(r, "'a'");
    assert_false(call(bad, "decode", 1, ARGS(int_value(1)), 1, (const char *[]){"errors"}, &r));
    assert_string_equal(vm->exc_message, "decode() argument 'errors' must be str, not int");
    vm_clear_error(vm);
}

static void test_format_finds_keyword_fields(void **state) {
    (void)state;
    Value r;
    assert_true(call(str("{a}-{b!r:>4}-{0}"), "format", 3, ARGS(int_value(7), int_value(1), str("x")), 2,
                     (const char *[]){"a", "b"}, &r));
    assert_repr(r, "\"1- 'x'-7\"");
    assert_false(call(str("{c}"), "format", 1, ARGS(int_value(1)), 1, (const char *[]){"a"}, &r));
    assert_int_equal(vm->exc, EXC_KEY_ERROR);
    assert_string_equal(vm->exc_message, "'c'");
    vm_clear_error(vm);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_split_rsplit_and_splitlines_take_their_keywords, setup, teardown),
        cmocka_unit_test_setup_teardown(test_encode_and_decode_take_encoding_and_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_finds_keyword_fields, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
