/* test_gc.c: the allocator and the collector (gc.c): what a collection frees and keeps, byte accounting,
 * the small-object pages (reuse in address order, empty pages returned) and the one-character strings.
 * Tests build objects with the object.h constructors and call gc_collect directly; under AddressSanitizer
 * the page heap is compiled out, so the tests about pages are skipped there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "core/vm.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_PAGES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_PAGES 0
#endif
#endif
#ifndef HAVE_PAGES
#define HAVE_PAGES 1
#endif

static int vm_setup(void **state) {
    VmOptions options;
    vm_options_default(&options);
    *state = vm_new(&options);
    return *state == NULL ? -1 : 0;
}

static int vm_teardown(void **state) {
    vm_free(*state);
    return 0;
}

static ObjString *make_string(Vm *vm, const char *text) {
    ObjString *s = string_from_cstr(vm, text);
    assert_non_null(s);
    return s;
}

static void test_collection_frees_unreachable_objects_and_keeps_rooted_ones(void **state) {
    Vm *vm = *state;
    ObjString *kept = make_string(vm, "kept across collections");
    vm_push_root(vm, obj_value(&kept->obj));
    gc_collect(vm);
    size_t live = vm->bytes_allocated;
    char text[400];
    for (int i = 0; i < 2000; i++) {
        /* Every size, small and large: strings of 0 to 399 bytes and tuples of 0 to 19 items. */
        memset(text, 'a' + i % 26, sizeof text);
        text[i % 400] = '\0';
        assert_non_null(string_copy(vm, text, strlen(text)));
        assert_non_null(tuple_new(vm, (uint32_t)(i % 20)));
    }
    assert_true(vm->bytes_allocated > live);
    gc_collect(vm);
    assert_int_equal(vm->bytes_allocated, live);
    assert_string_equal(kept->chars, "kept across collections");
    vm_pop_root(vm);
}

static void test_a_dead_list_gives_back_its_item_buffer(void **state) {
    Vm *vm = *state;
    gc_collect(vm);
    size_t live = vm->bytes_allocated;
    ObjList *list = list_new(vm, 0);
    assert_non_null(list);
    vm_push_root(vm, obj_value(&list->obj));
    for (int i = 0; i < 1000; i++) assert_true(list_append(vm, list, int_value(i)));
    gc_collect(vm);
    assert_true(vm->bytes_allocated >= live + 1000 * sizeof(Value));
    assert_int_equal(AS_INT(list->items[999]), 999);
    vm_pop_root(vm);
    gc_collect(vm);
    assert_int_equal(vm->bytes_allocated, live);
}

static void test_objects_in_a_live_list_survive_and_the_rest_are_freed(void **state) {
    Vm *vm = *state;
    ObjList *list = list_new(vm, 0);
    assert_non_null(list);
    vm_push_root(vm, obj_value(&list->obj));
    char text[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(text, sizeof text, "item %d", i);
        ObjString *s = make_string(vm, text);
        if (i % 3 == 0) assert_true(list_append(vm, list, obj_value(&s->obj)));
    }
    gc_collect(vm);
    size_t live = vm->bytes_allocated;
    gc_collect(vm);
    assert_int_equal(vm->bytes_allocated, live); /* nothing more to free: the first collection was exact */
    for (uint32_t k = 0; k < list->count; k++) {
        snprintf(text, sizeof text, "item %u", k * 3);
        assert_string_equal(AS_STRING(list->items[k])->chars, text);
    }
    vm_pop_root(vm);
}

static void test_freed_slots_are_reused_in_address_order(void **state) {
    if (!HAVE_PAGES) skip();
    Vm *vm = *state;
    /* 10-item tuples (184 bytes) have a size class to themselves, and 300 fit in one page. */
    for (int i = 0; i < 300; i++) assert_non_null(tuple_new(vm, 10));
    gc_collect(vm);
    size_t pages = vm->page_count;
    ObjTuple *previous = tuple_new(vm, 10);
    for (int i = 0; i < 299; i++) {
        vm_push_root(vm, obj_value(&previous->obj));
        ObjTuple *next = tuple_new(vm, 10);
        vm_pop_root(vm);
        assert_true((char *)next > (char *)previous);
        previous = next;
    }
    assert_int_equal(vm->page_count, pages);
}

static void test_pages_left_empty_go_back_to_the_system(void **state) {
    if (!HAVE_PAGES) skip();
    Vm *vm = *state;
    ObjList *list = list_new(vm, 0);
    assert_non_null(list);
    vm_push_root(vm, obj_value(&list->obj));
    for (int i = 0; i < 1000000; i++) { /* 48-byte tuples: about 48 MiB of pages */
        ObjTuple *tuple = tuple_new(vm, 1);
        assert_non_null(tuple);
        assert_true(list_append(vm, list, obj_value(&tuple->obj)));
    }
    assert_true(vm->page_count * CPVM_PAGE_SIZE >= (size_t)40 << 20);
    vm_pop_root(vm);
    gc_collect(vm);
    /* Kept: the pages still in use, and empty ones for at most what the heap grows by before the next
     * collection (the first collection waits for CPVM_GC_MIN_HEAP). */
    assert_true(vm->page_count * CPVM_PAGE_SIZE <= CPVM_GC_MIN_HEAP + ((size_t)2 << 20));
}

static void test_one_character_ascii_strings_are_shared(void **state) {
    Vm *vm = *state;
    ObjString *a = string_copy(vm, "abc", 1);
    assert_ptr_equal(string_copy(vm, "a", 1), a);
    assert_ptr_equal(string_copy(vm, "\0", 1), vm->single_chars[0]);
    assert_int_equal(a->length, 1);
    assert_string_equal(a->chars, "a");
    ObjString *ab = string_copy(vm, "ab", 2);
    assert_ptr_not_equal(string_copy(vm, "ab", 2), ab);
    ObjString *e_acute = string_copy(vm, "\xc3\xa9", 2); /* one character, two bytes: not cached */
    assert_ptr_not_equal(string_copy(vm, "\xc3\xa9", 2), e_acute);
    gc_collect(vm); /* unrooted by the caller, but a GC root of the VM */
    assert_ptr_equal(string_copy(vm, "a", 1), a);
    assert_string_equal(a->chars, "a");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_collection_frees_unreachable_objects_and_keeps_rooted_ones,
                                        vm_setup, vm_teardown),
        cmocka_unit_test_setup_teardown(test_a_dead_list_gives_back_its_item_buffer, vm_setup, vm_teardown),
        cmocka_unit_test_setup_teardown(test_objects_in_a_live_list_survive_and_the_rest_are_freed, vm_setup,
                                        vm_teardown),
        cmocka_unit_test_setup_teardown(test_freed_slots_are_reused_in_address_order, vm_setup, vm_teardown),
        cmocka_unit_test_setup_teardown(test_pages_left_empty_go_back_to_the_system, vm_setup, vm_teardown),
        cmocka_unit_test_setup_teardown(test_one_character_ascii_strings_are_shared, vm_setup, vm_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
