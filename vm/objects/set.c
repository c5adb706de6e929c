/* set.c: Python's set and frozenset: CPython's hash table (Objects/setobject.c) and the types' slots.
 *
 * The table, its probe sequence (9 linear probes, then CPython's perturbed jump), its growth rule and the
 * bulk paths (merging a set into an empty one copies its slots) are CPython 3.11's, so a set of ints or
 * tuples iterates, prints and pops in python3.11's order. The algebra, the methods and the builtins are
 * set_methods.c. GC: the table comes from the VM's allocator, so growing it may collect; set_insert keeps
 * the set and the element alive across that, and the old table stays intact until the new one is full.
 */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

/* CPython's constants: 8 slots at least (PySet_MINSIZE); up to 9 neighbouring slots are probed before
 * jumping (LINEAR_PROBES: they share a cache line or two); the jump mixes in 5 more hash bits a step. */
#define SET_MIN_SIZE 8u
#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

static bool is_empty_slot(const SetEntry *e) { return IS_UNDEF(e->key) && e->hash == 0; }
static bool is_dummy(const SetEntry *e) { return IS_UNDEF(e->key) && e->hash == SET_DUMMY; }

/* An element's hash as the table stores it: SET_DUMMY marks deleted slots, so a real hash of -1 (an
 * identity hash could be one) moves aside. CPython's own hashes are never -1. */
static bool element_hash(Vm *vm, Value item, uint64_t *hash) {
    if (!value_hash_key(vm, item, hash)) return false;
    if (*hash == SET_DUMMY) *hash = SET_DUMMY - 1;
    return true;
}

/* --- The table ------------------------------------------------------------------------------------------ */

static SetEntry *allocate_table(Vm *vm, uint32_t size) {
    SetEntry *table = VM_ALLOCATE(vm, SetEntry, size);
    if (table != NULL) memset(table, 0, sizeof(SetEntry) * size); /* every slot empty: VAL_UNDEF is 0 */
    return table;
}

/* The slot holding [item], or the empty slot that ends its probe (set_lookkey); NULL after an error. */
static SetEntry *look_up(Vm *vm, const ObjSet *set, uint64_t hash, Value item, int *found) {
    size_t mask = set->mask, i = hash & mask, perturb = hash;
    for (;;) {
        SetEntry *entry = &set->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (is_empty_slot(entry)) {
                *found = 0;
                return entry;
            }
            if (entry->hash == hash) {
                int same = keys_equal(vm, entry->key, item);
                if (same != 0) {
                    *found = same;
                    return same < 0 ? NULL : entry;
                }
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

/* Puts an element known to be absent into a table without dummies (set_insert_clean). */
static void insert_clean(SetEntry *table, size_t mask, uint64_t hash, Value key) {
    size_t i = hash & mask, perturb = hash;
    for (;;) {
        SetEntry *entry = &table[i];
        if (IS_UNDEF(entry->key)) goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (IS_UNDEF(entry->key)) goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        entry->hash = hash;
        entry->key = key;
        return;
    }
}

/* Moves the elements into a fresh table of the smallest power of two above [min_used] (set_table_resize);
 * the dummies are dropped. The set must be reachable (the allocation may collect). */
static bool resize(Vm *vm, ObjSet *set, uint64_t min_used) {
    uint64_t size = SET_MIN_SIZE;
    while (size <= min_used) size <<= 1;
    if (size > ((uint64_t)1 << 31)) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    SetEntry *table = allocate_table(vm, (uint32_t)size);
    if (table == NULL) return false;
    SetEntry *old = set->table;
    uint32_t old_size = set->mask + 1;
    for (uint32_t i = 0; i < old_size; i++) {
        if (!IS_UNDEF(old[i].key)) insert_clean(table, size - 1, old[i].hash, old[i].key);
    }
    VM_FREE_ARRAY(vm, SetEntry, old, old_size);
    set->table = table;
    set->mask = (uint32_t)size - 1;
    set->fill = set->used;
    return true;
}

/* Adds [item] with [hash] (set_add_entry): the first empty slot of its probe, or the last dummy passed
 * on the way; grows the table when 3/5 of it is in use. The caller keeps set and item alive. */
static bool add_entry(Vm *vm, ObjSet *set, uint64_t hash, Value item) {
    size_t mask = set->mask, i = hash & mask, perturb = hash;
    SetEntry *free_slot = NULL, *entry;
    for (;;) {
        entry = &set->table[i];
        int probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
        do {
            if (is_empty_slot(entry)) goto found_unused;
            if (entry->hash == hash) {
                int same = keys_equal(vm, entry->key, item);
                if (same != 0) return same > 0; /* already there, or an error */
            } else if (is_dummy(entry)) {
                free_slot = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
found_unused:
    if (free_slot != NULL) {
        *free_slot = (SetEntry){hash, item};
        set->used++;
        return true;
    }
    *entry = (SetEntry){hash, item};
    set->fill++;
    set->used++;
    if ((size_t)set->fill * 5 < mask * 3) return true;
    return resize(vm, set, set->used > 50000 ? (uint64_t)set->used * 2 : (uint64_t)set->used * 4);
}

bool set_insert_hashed(Vm *vm, ObjSet *set, uint64_t hash, Value item) {
    /* Only a resize allocates: without one coming, nothing can be collected. */
    if ((size_t)(set->fill + 1) * 5 < (size_t)set->mask * 3) return add_entry(vm, set, hash, item);
    vm_push_root(vm, obj_value(&set->obj));
    vm_push_root(vm, item);
    bool ok = add_entry(vm, set, hash, item);
    vm->temp_root_count -= 2;
    return ok;
}

bool set_insert(Vm *vm, ObjSet *set, Value item) {
    uint64_t hash;
    if (!element_hash(vm, item, &hash)) return false;
    return set_insert_hashed(vm, set, hash, item);
}

int set_find_hashed(Vm *vm, ObjSet *set, uint64_t hash, Value item) {
    int found;
    return look_up(vm, set, hash, item, &found) == NULL ? -1 : found;
}

int set_find(Vm *vm, ObjSet *set, Value item) {
    uint64_t hash;
    if (!element_hash(vm, item, &hash)) return -1;
    return set_find_hashed(vm, set, hash, item);
}

int set_discard_hashed(Vm *vm, ObjSet *set, uint64_t hash, Value item) {
    int found;
    SetEntry *entry = look_up(vm, set, hash, item, &found);
    if (entry == NULL) return -1;
    if (found == 0) return 0;
    *entry = (SetEntry){SET_DUMMY, undef_value()};
    set->used--;
    return 1;
}

int set_discard(Vm *vm, ObjSet *set, Value item) {
    uint64_t hash;
    if (!element_hash(vm, item, &hash)) return -1;
    return set_discard_hashed(vm, set, hash, item);
}

bool set_clear(Vm *vm, ObjSet *set) {
    SetEntry *table = allocate_table(vm, SET_MIN_SIZE);
    if (table == NULL) return false;
    VM_FREE_ARRAY(vm, SetEntry, set->table, set->mask + 1);
    set->table = table;
    set->mask = SET_MIN_SIZE - 1;
    set->fill = set->used = 0;
    set->hashed = false;
    return true;
}

/* --- Bulk updates ---------------------------------------------------------------------------------------- */

/* set |= other for a set or frozenset [other] (set_merge): one resize first; into an empty table of the
 * same size the slots are copied as they are, so a copy iterates in the original's order. */
static bool merge(Vm *vm, ObjSet *set, ObjSet *other) {
    if (other == set || other->used == 0) return true;
    if (((size_t)set->fill + other->used) * 5 >= (size_t)set->mask * 3 &&
        !resize(vm, set, ((uint64_t)set->used + other->used) * 2)) {
        return false;
    }
    if (set->fill == 0 && set->mask == other->mask && other->fill == other->used) {
        memcpy(set->table, other->table, sizeof(SetEntry) * (set->mask + 1));
        set->fill = other->fill;
        set->used = other->used;
        return true;
    }
    if (set->fill == 0) {
        for (uint32_t i = 0; i <= other->mask; i++) {
            const SetEntry *e = &other->table[i];
            if (!IS_UNDEF(e->key)) insert_clean(set->table, set->mask, e->hash, e->key);
        }
        set->fill = set->used = other->used;
        return true;
    }
    for (uint32_t i = 0; i <= other->mask; i++) {
        const SetEntry *e = &other->table[i];
        if (!IS_UNDEF(e->key) && !add_entry(vm, set, e->hash, e->key)) return false;
    }
    return true;
}

/* set |= the keys of a dict: one resize first, hashes reused. */
static bool merge_dict_keys(Vm *vm, ObjSet *set, ObjDict *dict) {
    uint32_t count = map_count(&dict->map);
    if (((size_t)set->fill + count) * 5 >= (size_t)set->mask * 3 &&
        !resize(vm, set, ((uint64_t)set->used + count) * 2)) {
        return false;
    }
    uint32_t at = 0;
    for (MapEntry *e; map_next(&dict->map, &at, &e);) {
        uint64_t hash = e->hash == SET_DUMMY ? SET_DUMMY - 1 : e->hash;
        if (!add_entry(vm, set, hash, e->key)) return false;
    }
    return true;
}

static int add_visited(Vm *vm, Value item, void *ctx) { return set_insert(vm, ctx, item) ? 1 : -1; }

/* set_update_internal: sets and dicts in bulk, any other iterable one element at a time. */
bool set_update_from(Vm *vm, ObjSet *set, Value iterable) {
    vm_push_root(vm, obj_value(&set->obj));
    bool ok;
    if (IS_ANYSET(iterable)) ok = merge(vm, set, AS_SET(iterable));
    else if (IS_DICT(iterable)) ok = merge_dict_keys(vm, set, AS_DICT(iterable));
    else ok = for_each(vm, iterable, add_visited, set);
    vm_pop_root(vm);
    return ok;
}

/* --- Constructors ---------------------------------------------------------------------------------------- */

ObjSet *set_new(Vm *vm, ObjType type) {
    ObjSet *set = (ObjSet *)gc_allocate_object(vm, sizeof(ObjSet), type);
    if (set == NULL) return NULL;
    vm_push_root(vm, obj_value(&set->obj));
    set->table = allocate_table(vm, SET_MIN_SIZE);
    vm_pop_root(vm);
    if (set->table == NULL) return NULL;
    set->mask = SET_MIN_SIZE - 1;
    return set;
}

ObjSet *set_from_iterable(Vm *vm, ObjType type, Value iterable) {
    vm_push_root(vm, iterable);
    ObjSet *set = set_new(vm, type);
    bool ok = set != NULL && set_update_from(vm, set, iterable);
    vm_pop_root(vm);
    return ok ? set : NULL;
}

ObjSet *set_copy(Vm *vm, ObjType type, ObjSet *from) { return set_from_iterable(vm, type, obj_value(&from->obj)); }

/* --- Slots ---------------------------------------------------------------------------------------------- */

static void set_free(Vm *vm, Obj *obj) {
    ObjSet *set = (ObjSet *)obj;
    VM_FREE_ARRAY(vm, SetEntry, set->table, set->table != NULL ? set->mask + 1 : 0);
    gc_free_object(vm, obj, sizeof(ObjSet));
}

static void set_mark(GcMarker *marker, Obj *obj) {
    ObjSet *set = (ObjSet *)obj;
    uint32_t at = 0;
    for (SetEntry *e; set->table != NULL && set_next_entry(set, &at, &e);) gc_mark_value(marker, e->key);
}

/* {1, 2}, frozenset({1, 2}); set() and frozenset() when empty. */
static bool set_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    ObjSet *set = AS_SET(self);
    const char *name = type_of_obj(AS_OBJ(self))->name;
    if (set->used == 0) {
        strbuf_append_format(vm, b, "%s()", name);
        return !b->failed;
    }
    int depth = scope != NULL ? scope->depth + 1 : 1;
    if (value_nesting_too_deep(vm, depth, "while getting the repr of an object")) return false;
    ReprScope inner = {AS_OBJ(self), scope, depth};
    if (IS_FROZENSET(self)) strbuf_append_format(vm, b, "%s(", name);
    strbuf_append_cstr(vm, b, "{");
    uint32_t at = 0;
    bool first = true;
    for (SetEntry *e; set_next_entry(set, &at, &e); first = false) {
        if (!first) strbuf_append_cstr(vm, b, ", ");
        if (!value_write_repr_in(vm, b, e->key, &inner)) return false;
    }
    strbuf_append_cstr(vm, b, IS_FROZENSET(self) ? "})" : "}");
    return !b->failed;
}

/* CPython's _shuffle_bits: spreads the bits of nearby hashes before they are xored together. */
static uint64_t shuffle_bits(uint64_t h) { return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL; }

/* CPython 3.11's frozenset_hash: an order-independent xor of the shuffled element hashes, then the size
 * and a final mix, so hash(frozenset({1, 2})) is python3.11's number. Computed once. */
static bool frozenset_hash(Vm *vm, Value self, uint64_t *hash) {
    (void)vm;
    ObjSet *set = AS_SET(self);
    if (!set->hashed) {
        uint64_t h = 0;
        uint32_t at = 0;
        for (SetEntry *e; set_next_entry(set, &at, &e);) h ^= shuffle_bits(e->hash);
        h ^= ((uint64_t)set->used + 1) * 1927868237ULL;
        h ^= (h >> 11) ^ (h >> 25);
        h = h * 69069U + 907133923ULL;
        if (h == (uint64_t)-1) h = 590923713ULL;
        set->hash = h;
        set->hashed = true;
    }
    *hash = set->hash;
    return true;
}

static bool set_truthy(Value self) { return AS_SET(self)->used != 0; }

static bool set_len(Vm *vm, Value self, int64_t *length) {
    (void)vm;
    *length = AS_SET(self)->used;
    return true;
}

/* x in s. A set that is not hashable is looked up as the frozenset of its elements, as CPython does
 * ({1} in {frozenset({1})} is True). */
static int set_contains(Vm *vm, Value self, Value item) {
    if (IS_SET(item)) {
        ObjSet *frozen = set_copy(vm, OBJ_FROZENSET, AS_SET(item));
        if (frozen == NULL) return -1;
        item = obj_value(&frozen->obj);
        vm_push_root(vm, item);
        int found = set_find(vm, AS_SET(self), item);
        vm_pop_root(vm);
        return found;
    }
    return set_find(vm, AS_SET(self), item);
}

static bool set_get_iter(Vm *vm, Value self, Value *iter) {
    return map_iter_new(vm, AS_OBJ(self), OBJ_SET_ITER, iter);
}

/* The set iterator (setiter_iternext): table order, and RuntimeError when the size changed. */
static int set_iter_next(Vm *vm, Value self, Value *item) {
    ObjMapIter *it = AS_MAP_ITER(self);
    if (it->owner == NULL) return 0;
    ObjSet *set = (ObjSet *)it->owner;
    if (set->used != it->size) {
        it->size = UINT32_MAX; /* the error is sticky, as CPython's */
        vm_raise(vm, EXC_RUNTIME_ERROR, "Set changed size during iteration");
        return -1;
    }
    SetEntry *e;
    if (!set_next_entry(set, &it->position, &e)) {
        it->owner = NULL;
        return 0;
    }
    *item = e->key;
    return 1;
}

const TypeInfo set_iter_type = {
    .name = "set_iterator", .free = map_iter_free, .mark = map_iter_mark, .repr = map_iter_repr,
    .get_iter = map_iter_self, .next = set_iter_next,
};

static bool set_unhashable(Vm *vm, Value self, uint64_t *hash) {
    (void)self, (void)hash;
    return vm_raise(vm, EXC_TYPE_ERROR, "unhashable type: 'set'");
}

const TypeInfo set_type = {
    .name = "set", .free = set_free, .owns_buffers = true, .mark = set_mark, .repr = set_repr,
    .equal = setlike_equal, .compare = setlike_compare, .hash = set_unhashable, .truthy = set_truthy,
    .len = set_len, .contains = set_contains, .get_iter = set_get_iter, .binary_op = setlike_binary_op,
    .methods = set_methods,
};

const TypeInfo frozenset_type = {
    .name = "frozenset", .free = set_free, .owns_buffers = true, .mark = set_mark, .repr = set_repr,
    .equal = setlike_equal, .compare = setlike_compare, .hash = frozenset_hash, .truthy = set_truthy,
    .len = set_len, .contains = set_contains, .get_iter = set_get_iter, .binary_op = setlike_binary_op,
    .methods = frozenset_methods,
};
