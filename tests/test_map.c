/* test_map.c: the hash map (vm/core/map.h): lookups, overwrites, deletion and its tombstones, growth,
 * insertion order, an equality callback that fails, memory from the VM's allocator, and what dict needs:
 * deleting by entry number, the last entry, trimming trailing tombstones, copies and map_has_room.
 *
 * Keys are ints hashed by hash_int below, or by a constant hash when a test wants every key in one probe
 * chain; the equality callback counts its calls and can be told to fail, as a Python __eq__ may.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "api/cpvm.h"
#include "objects/object.h"
#include "core/map.h"
#include "core/vm.h"

/* --- Keys ------------------------------------------------------------------------------------------- */

typedef struct {
    int calls;   /* comparisons made */
    int fail_at; /* the comparison (1-based) that fails with -1; 0: none */
} Equality;

static int int_equal(void *context, Value stored, Value key) {
    Equality *e = context;
    if (e != NULL && ++e->calls == e->fail_at) return -1;
    return AS_INT(stored) == AS_INT(key);
}

/* splitmix64's finaliser: well spread, as a caller's hash should be. */
static uint64_t hash_int(int64_t i) {
    uint64_t x = (uint64_t)i + 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static bool put(Map *map, int64_t key, int64_t value) {
    return map_insert(map, hash_int(key), int_value(key), int_value(value), int_equal, NULL, NULL) >= 0;
}

/* The value of [key], or -1 when absent. */
static int64_t get(const Map *map, int64_t key) {
    uint32_t entry;
    if (map_find(map, hash_int(key), int_value(key), int_equal, NULL, &entry) != 1) return -1;
    return AS_INT(map_entry(map, entry)->value);
}

static int delete(Map *map, int64_t key) { return map_delete(map, hash_int(key), int_value(key), int_equal, NULL); }

/* --- Tests ------------------------------------------------------------------------------------------- */

static void test_map_finds_what_was_inserted_and_nothing_else(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    assert_int_equal(get(&map, 1), -1); /* an empty map has allocated nothing and finds nothing */
    assert_int_equal(map_insert(&map, hash_int(1), int_value(1), int_value(10), int_equal, NULL, NULL), 1);
    assert_true(put(&map, 2, 20));
    assert_int_equal(get(&map, 1), 10);
    assert_int_equal(get(&map, 2), 20);
    assert_int_equal(get(&map, 3), -1);
    assert_int_equal(map_count(&map), 2);
    map_free(&map);
    assert_int_equal(map_count(&map), 0);
    assert_int_equal(get(&map, 1), -1);
}

static void test_map_a_zeroed_map_is_an_empty_one(void **state) {
    (void)state;
    Map map = {0};
    assert_true(put(&map, 7, 70));
    assert_int_equal(get(&map, 7), 70);
    map_free(&map);
}

static void test_map_insert_of_an_equal_key_replaces_the_value_in_place(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    assert_true(put(&map, 1, 10));
    assert_true(put(&map, 2, 20));
    uint32_t entry;
    assert_int_equal(map_insert(&map, hash_int(1), int_value(1), int_value(11), int_equal, NULL, &entry), 0);
    assert_int_equal(entry, 0); /* the key keeps its place, as in a Python dict */
    assert_int_equal(get(&map, 1), 11);
    assert_int_equal(map_count(&map), 2);
    map_free(&map);
}

static void test_map_delete_removes_only_that_key(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    for (int64_t k = 0; k < 4; k++) assert_true(put(&map, k, k * 10));
    assert_int_equal(delete(&map, 2), 1);
    assert_int_equal(delete(&map, 2), 0);
    assert_int_equal(delete(&map, 99), 0);
    assert_int_equal(get(&map, 2), -1);
    assert_int_equal(get(&map, 3), 30);
    assert_int_equal(map_count(&map), 3);
    map_free(&map);
}

/* With one hash for every key, all keys share one probe chain: a deleted key's slot must not end it. */
static void test_map_finds_keys_past_a_tombstone_in_their_probe_chain(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    for (int64_t k = 0; k < 5; k++) {
        assert_int_equal(map_insert(&map, 42, int_value(k), int_value(k), int_equal, NULL, NULL), 1);
    }
    assert_int_equal(map_delete(&map, 42, int_value(1), int_equal, NULL), 1);
    for (int64_t k = 2; k < 5; k++) {
        uint32_t entry;
        assert_int_equal(map_find(&map, 42, int_value(k), int_equal, NULL, &entry), 1);
        assert_int_equal(AS_INT(map_entry(&map, entry)->value), k);
    }
    assert_int_equal(map_find(&map, 42, int_value(1), int_equal, NULL, NULL), 0);
    map_free(&map);
}

static void test_map_tombstones_keep_their_entry_until_the_map_is_rebuilt(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    for (int64_t k = 0; k < 4; k++) assert_true(put(&map, k, k));
    assert_int_equal(delete(&map, 1), 1);
    assert_int_equal(map.entry_count, 4); /* the deleted entry stays, marked, until a rebuild */
    assert_true(IS_UNDEF(map_entry(&map, 1)->key));
    /* Insert and delete again and again: the tombstones are swept, the map does not grow without end. */
    for (int64_t k = 100; k < 1100; k++) {
        assert_true(put(&map, k, k));
        assert_int_equal(delete(&map, k), 1);
    }
    assert_int_equal(map_count(&map), 3);
    assert_true(map.index_size <= 16);
    assert_int_equal(get(&map, 3), 3);
    map_free(&map);
}

static void test_map_grows_and_keeps_every_key(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    for (int64_t k = 0; k < 100000; k++) assert_true(put(&map, k, -k));
    assert_int_equal(map_count(&map), 100000);
    assert_true(map.index_size >= 100000 * 3 / 2); /* at most 2/3 full */
    for (int64_t k = 0; k < 100000; k++) assert_int_equal(get(&map, k), -k);
    assert_int_equal(get(&map, 100000), -1);
    map_free(&map);
}

static void test_map_iterates_in_insertion_order_skipping_deleted_keys(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    static const int64_t keys[] = {50, 3, 77, 12, 9, 1000, 4, 31, 8, 2};
    for (size_t i = 0; i < 10; i++) assert_true(put(&map, keys[i], (int64_t)i));
    assert_int_equal(delete(&map, 77), 1);
    assert_int_equal(delete(&map, 2), 1);
    assert_true(put(&map, 77, 99)); /* back in, now last */
    static const int64_t expected[] = {50, 3, 12, 9, 1000, 4, 31, 8, 77};
    size_t n = 0;
    uint32_t at = 0;
    for (MapEntry *e; map_next(&map, &at, &e);) assert_int_equal(AS_INT(e->key), expected[n++]);
    assert_int_equal(n, 9);
    map_free(&map);
}

static void test_map_add_appends_without_comparing(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    uint32_t entry;
    for (int64_t k = 0; k < 20; k++) {
        assert_true(map_add(&map, hash_int(k), int_value(k), int_value(k), &entry));
        assert_int_equal(entry, k); /* no deletions: entry numbers are insertion positions */
    }
    assert_int_equal(get(&map, 19), 19);
    map_free(&map);
}

static void test_map_reserve_makes_room_in_advance(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    assert_true(map_reserve(&map, 1000));
    const unsigned char *block = map.index;
    for (int64_t k = 0; k < 1000; k++) assert_true(put(&map, k, k));
    assert_ptr_equal(map.index, block); /* no rebuild was needed */
    map_free(&map);
}

static void test_map_passes_an_equality_failure_up_and_changes_nothing(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    Equality eq = {0, 0};
    for (int64_t k = 0; k < 3; k++) {
        assert_int_equal(map_insert(&map, 7, int_value(k), int_value(k), int_equal, &eq, NULL), 1);
    }
    eq = (Equality){0, 2}; /* the second comparison fails */
    assert_int_equal(map_find(&map, 7, int_value(2), int_equal, &eq, NULL), -1);
    eq = (Equality){0, 1};
    assert_int_equal(map_insert(&map, 7, int_value(5), int_value(5), int_equal, &eq, NULL), -1);
    eq = (Equality){0, 1};
    assert_int_equal(map_delete(&map, 7, int_value(0), int_equal, &eq), -1);
    assert_int_equal(map_count(&map), 3);
    eq = (Equality){0, 0};
    assert_int_equal(map_find(&map, 7, int_value(0), int_equal, &eq, NULL), 1);
    assert_int_equal(map_find(&map, 7, int_value(5), int_equal, &eq, NULL), 0);
    map_free(&map);
}

static void test_map_compares_only_keys_of_the_same_hash(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    for (int64_t k = 0; k < 1000; k++) assert_true(put(&map, k, k));
    Equality eq = {0, 0};
    assert_int_equal(map_find(&map, hash_int(500), int_value(500), int_equal, &eq, NULL), 1);
    assert_int_equal(eq.calls, 1);
    map_free(&map);
}

/* popitem's pattern: the last entry goes, and its room (a trailing tombstone) is given back at once. */
static void test_map_deleting_the_last_entries_trims_them_and_reuses_the_room(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    for (int64_t k = 0; k < 5; k++) assert_true(put(&map, k, k));
    uint32_t last;
    assert_true(map_last(&map, &last));
    assert_int_equal(AS_INT(map_entry(&map, last)->key), 4);
    map_delete_entry(&map, last);
    assert_int_equal(map.entry_count, 4);
    assert_int_equal(delete(&map, 3), 1); /* map_delete trims too */
    assert_int_equal(map.entry_count, 3);
    assert_int_equal(delete(&map, 1), 1); /* a tombstone in the middle stays */
    assert_int_equal(map.entry_count, 3);
    assert_true(map_last(&map, &last));
    assert_int_equal(AS_INT(map_entry(&map, last)->key), 2);
    map_delete_entry(&map, last); /* trims past the tombstone of 1 as well */
    assert_int_equal(map.entry_count, 1);
    assert_int_equal(map_count(&map), 1);
    assert_true(put(&map, 9, 9)); /* appended in the room given back, and findable */
    assert_int_equal(map.entry_count, 2);
    assert_int_equal(get(&map, 9), 9);
    assert_int_equal(get(&map, 0), 0);
    assert_int_equal(get(&map, 1), -1);
    assert_int_equal(get(&map, 2), -1);
    map_free(&map);
}

static void test_map_last_of_an_empty_map_is_none(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    uint32_t last = 77;
    assert_false(map_last(&map, &last));
    assert_true(put(&map, 1, 1));
    assert_int_equal(delete(&map, 1), 1);
    assert_false(map_last(&map, &last));
    assert_int_equal(last, 77);
    map_free(&map);
}

/* dict.pop's pattern: find, read, then delete that very entry; probes through it still work. */
static void test_map_delete_entry_keeps_later_keys_of_its_probe_chain(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    for (int64_t k = 0; k < 5; k++) {
        assert_int_equal(map_insert(&map, 42, int_value(k), int_value(k * 10), int_equal, NULL, NULL), 1);
    }
    uint32_t entry;
    assert_int_equal(map_find(&map, 42, int_value(2), int_equal, NULL, &entry), 1);
    assert_int_equal(AS_INT(map_entry(&map, entry)->value), 20);
    map_delete_entry(&map, entry);
    assert_int_equal(map_count(&map), 4);
    assert_int_equal(map_find(&map, 42, int_value(2), int_equal, NULL, NULL), 0);
    for (int64_t k = 3; k < 5; k++) assert_int_equal(map_find(&map, 42, int_value(k), int_equal, NULL, NULL), 1);
    map_free(&map);
}

/* A copy has the same entries in the same order, lookups work in it, and it is independent. */
static void test_map_copy_keeps_order_and_is_independent(void **state) {
    (void)state;
    Map from, to, empty_copy;
    map_init(&from, NULL);
    for (int64_t k = 0; k < 100; k++) assert_true(put(&from, k, -k));
    for (int64_t k = 0; k < 100; k += 3) assert_int_equal(delete(&from, k), 1);
    map_init(&to, NULL);
    assert_true(map_copy(&to, &from));
    assert_int_equal(map_count(&to), map_count(&from));
    uint32_t a = 0, b = 0;
    MapEntry *x, *y;
    while (map_next(&from, &a, &x)) {
        assert_true(map_next(&to, &b, &y));
        assert_int_equal(AS_INT(x->key), AS_INT(y->key));
    }
    assert_false(map_next(&to, &b, &y));
    assert_true(put(&to, 1000, 1));
    assert_int_equal(get(&to, 1000), 1);
    assert_int_equal(get(&from, 1000), -1);
    assert_int_equal(get(&to, 4), -4);
    assert_int_equal(get(&to, 3), -1);
    map_init(&empty_copy, NULL);
    Map nothing;
    map_init(&nothing, NULL);
    assert_true(map_copy(&empty_copy, &nothing)); /* copying an empty map allocates nothing */
    assert_int_equal(empty_copy.index_size, 0);
    map_free(&from);
    map_free(&to);
}

/* map_has_room says when the next add would allocate. */
static void test_map_has_room_until_the_index_is_two_thirds_full(void **state) {
    (void)state;
    Map map;
    map_init(&map, NULL);
    assert_false(map_has_room(&map)); /* nothing allocated yet */
    assert_true(put(&map, 0, 0));
    int64_t k = 1;
    while (map_has_room(&map)) {
        uint32_t size = map.index_size;
        assert_true(put(&map, k++, 0));
        assert_int_equal(map.index_size, size); /* an add with room never rebuilds */
    }
    assert_int_equal(map.entry_count, map.index_size * 2 / 3);
    map_free(&map);
}

static void test_map_with_a_vm_counts_its_bytes_and_fails_with_memory_error(void **state) {
    (void)state;
    VmOptions options;
    vm_options_default(&options);
    options.max_memory = 4u << 20;
    Vm *vm = vm_new(&options);
    assert_non_null(vm);
    size_t before = vm->bytes_allocated;
    Map map;
    map_init(&map, vm);
    assert_true(put(&map, 1, 1));
    assert_true(vm->bytes_allocated > before);
    bool ok = true;
    for (int64_t k = 0; ok && k < 1000000; k++) ok = put(&map, k, k); /* 40 bytes an entry: over 4 MiB */
    assert_false(ok);
    assert_int_equal(vm->exc, EXC_MEMORY_ERROR);
    assert_int_equal(get(&map, 1), 1); /* a failed growth keeps what was there */
    vm_clear_error(vm);
    map_free(&map);
    assert_int_equal(vm->bytes_allocated, before);
    vm_free(vm);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_map_finds_what_was_inserted_and_nothing_else),
        cmocka_unit_test(test_map_a_zeroed_map_is_an_empty_one),
        cmocka_unit_test(test_map_insert_of_an_equal_key_replaces_the_value_in_place),
        cmocka_unit_test(test_map_delete_removes_only_that_key),
        cmocka_unit_test(test_map_finds_keys_past_a_tombstone_in_their_probe_chain),
        cmocka_unit_test(test_map_tombstones_keep_their_entry_until_the_map_is_rebuilt),
        cmocka_unit_test(test_map_grows_and_keeps_every_key),
        cmocka_unit_test(test_map_iterates_in_insertion_order_skipping_deleted_keys),
        cmocka_unit_test(test_map_add_appends_without_comparing),
        cmocka_unit_test(test_map_reserve_makes_room_in_advance),
        cmocka_unit_test(test_map_passes_an_equality_failure_up_and_changes_nothing),
        cmocka_unit_test(test_map_compares_only_keys_of_the_same_hash),
        cmocka_unit_test(test_map_with_a_vm_counts_its_bytes_and_fails_with_memory_error),
        cmocka_unit_test(test_map_deleting_the_last_entries_trims_them_and_reuses_the_room),
        cmocka_unit_test(test_map_last_of_an_empty_map_is_none),
        cmocka_unit_test(test_map_delete_entry_keeps_later_keys_of_its_probe_chain),
        cmocka_unit_test(test_map_copy_keeps_order_and_is_independent),
        cmocka_unit_test(test_map_has_room_until_the_index_is_two_thirds_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
