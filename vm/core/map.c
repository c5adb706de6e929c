/* map.c: the hash map of map.h: a small index of entry numbers over a dense array of entries.
 *
 * Callers: codegen.c, asm_pools.c and disasm.c today; dict, set, attributes and globals later. The
 * layout, the probe sequence and the growth rule are CPython's (Objects/dictobject.c), so each carries
 * CPython's reasons. The invariant every function keeps: entry_count <= fill <= usable(index_size) <
 * index_size, so the index always has a free slot and every probe ends. (fill counts MAP_DELETED slots
 * too, as CPython's dk_usable does: without it, popping and adding forever would fill the index with
 * deletion marks.)
 */
#include <stdlib.h>
#include <string.h>

#include "core/map.h"
#include "core/vm.h"

/* The smallest index: 8 slots for 5 entries, CPython's PyDict_MINSIZE (most dicts stay that small). */
#define MAP_MIN_SIZE 8u
#define MAP_MAX_SIZE ((uint32_t)1 << 30)

/* Entries that fit an index of [size] slots: 2/3 of it, CPython's USABLE_FRACTION. Fuller, and open
 * addressing's probes grow long; emptier, and the index wastes cache. */
static uint32_t usable(uint32_t size) { return (uint32_t)((uint64_t)size * 2 / 3); }

/* --- The index ----------------------------------------------------------------------------------------
 * The slot widths, the probe sequence and the lookup itself (map_lookup) are in map.h, inline, so that
 * a hot caller such as dict.c has its equality inlined into the probe loop. */

static void slot_set(Map *map, uint32_t slot, int32_t value) {
    switch (map_slot_width(map->index_size)) {
    case 1: ((int8_t *)map->index)[slot] = (int8_t)value; break;
    case 2: ((int16_t *)map->index)[slot] = (int16_t)value; break;
    default: ((int32_t *)map->index)[slot] = value; break;
    }
}

/* Bytes of the one block that holds an index of [size] slots and its entries. The index part is a
 * multiple of 8 bytes (size >= 8), so the entries after it are aligned. */
static size_t index_bytes(uint32_t size) { return (size_t)size * map_slot_width(size); }
static size_t block_bytes(uint32_t size) {
    return size == 0 ? 0 : index_bytes(size) + (size_t)usable(size) * sizeof(MapEntry);
}

/* The first free slot of [hash]'s probe: where a new key goes (keys being known to differ). */
static uint32_t free_slot(const Map *map, uint64_t hash) {
    size_t width = map_slot_width(map->index_size);
    MapProbe probe = map_probe_start(map, hash);
    while (map_read_slot(map->index, width, probe.slot) != MAP_FREE) map_probe_step(map, &probe);
    return probe.slot;
}

/* --- Memory -------------------------------------------------------------------------------------------- */

static void *allocate(Map *map, size_t bytes) {
    return map->vm != NULL ? vm_reallocate(map->vm, NULL, 0, bytes) : malloc(bytes);
}

static void release(Map *map, void *block, size_t bytes) {
    if (map->vm != NULL) vm_reallocate(map->vm, block, bytes, 0);
    else free(block);
}

/* Moves the live entries, in order, into a fresh block of [size] slots, and indexes them again: the
 * tombstones and MAP_DELETED slots are gone afterwards. No key is compared (they are all different). */
static bool rebuild(Map *map, uint32_t size) {
    unsigned char *block = allocate(map, block_bytes(size));
    if (block == NULL) return false;
    Map fresh = {.vm = map->vm, .index = block, .entries = (MapEntry *)(block + index_bytes(size)), .index_size = size};
    memset(block, 0xff, index_bytes(size)); /* every slot MAP_FREE (-1 in any width) */
    for (uint32_t i = 0; i < map->entry_count; i++) {
        const MapEntry *e = &map->entries[i];
        if (IS_UNDEF(e->key)) continue;
        slot_set(&fresh, free_slot(&fresh, e->hash), (int32_t)fresh.entry_count);
        fresh.entries[fresh.entry_count++] = *e;
    }
    fresh.count = fresh.fill = fresh.entry_count;
    release(map, map->index, block_bytes(map->index_size));
    *map = fresh;
    return true;
}

/* The smallest index for which [count] entries are at most half of what it holds after growing: CPython's
 * GROWTH_RATE (used * 3), so a map filled one key at a time rebuilds at each doubling, amortised O(1). */
static uint32_t size_for(uint64_t count) {
    uint32_t size = MAP_MIN_SIZE;
    while (size < MAP_MAX_SIZE && size < count * 3) size *= 2;
    return size;
}

/* Makes room for one more entry at the end of the entries. */
static bool make_room(Map *map) {
    if (map->fill < usable(map->index_size)) return true;
    if (map->count >= MAP_MAX_ENTRIES) return false;
    return rebuild(map, size_for(map->count + 1));
}

/* --- Operations ----------------------------------------------------------------------------------------- */

void map_init(Map *map, Vm *vm) { *map = (Map){.vm = vm}; }

void map_free(Map *map) {
    release(map, map->index, block_bytes(map->index_size));
    *map = (Map){.vm = map->vm};
}

int map_find(const Map *map, uint64_t hash, Value key, MapEqual *eq, void *context, uint32_t *entry) {
    uint32_t slot, at = 0;
    int found = map_lookup(map, hash, key, eq, context, &slot, &at);
    if (found == 1 && entry != NULL) *entry = at;
    return found;
}

/* Appends an entry at the free index slot [slot] (room having been made). */
static uint32_t append(Map *map, uint32_t slot, uint64_t hash, Value key, Value value) {
    uint32_t entry = map->entry_count++;
    map->fill++;
    map->entries[entry] = (MapEntry){hash, key, value};
    slot_set(map, slot, (int32_t)entry);
    map->count++;
    return entry;
}

bool map_add(Map *map, uint64_t hash, Value key, Value value, uint32_t *entry) {
    if (!make_room(map)) return false;
    uint32_t at = append(map, free_slot(map, hash), hash, key, value);
    if (entry != NULL) *entry = at;
    return true;
}

int map_insert(Map *map, uint64_t hash, Value key, Value value, MapEqual *eq, void *context, uint32_t *entry) {
    uint32_t slot, at = 0;
    int found = map_lookup(map, hash, key, eq, context, &slot, &at);
    if (found < 0) return -1;
    if (found == 1) {
        map->entries[at].value = value;
        if (entry != NULL) *entry = at;
        return 0;
    }
    return map_add(map, hash, key, value, entry) ? 1 : -1;
}

int map_delete(Map *map, uint64_t hash, Value key, MapEqual *eq, void *context) {
    uint32_t slot, at = 0;
    int found = map_lookup(map, hash, key, eq, context, &slot, &at);
    if (found != 1) return found;
    MapEntry *e = &map->entries[at];
    e->key = undef_value();
    e->value = undef_value();
    slot_set(map, slot, MAP_DELETED); /* not MAP_FREE: later keys of this probe must still be found */
    map->count--;
    while (map->entry_count > 0 && IS_UNDEF(map->entries[map->entry_count - 1].key)) map->entry_count--;
    return 1;
}

/* The index slot that holds entry number [entry]: its hash's probe passes it before any free slot. */
static uint32_t slot_of_entry(const Map *map, uint32_t entry) {
    size_t width = map_slot_width(map->index_size);
    MapProbe probe = map_probe_start(map, map->entries[entry].hash);
    while (map_read_slot(map->index, width, probe.slot) != (int32_t)entry) map_probe_step(map, &probe);
    return probe.slot;
}

void map_delete_entry(Map *map, uint32_t entry) {
    slot_set(map, slot_of_entry(map, entry), MAP_DELETED);
    map->entries[entry].key = undef_value();
    map->entries[entry].value = undef_value();
    map->count--;
    /* Tombstones at the end hold no entry anyone can reach: give their room back to the next append. No
     * index slot names them (their slots are MAP_DELETED), so reusing their numbers is safe. */
    while (map->entry_count > 0 && IS_UNDEF(map->entries[map->entry_count - 1].key)) map->entry_count--;
}

bool map_last(const Map *map, uint32_t *entry) {
    if (map->count == 0) return false;
    uint32_t at = map->entry_count;
    while (IS_UNDEF(map->entries[at - 1].key)) at--; /* count > 0: a live entry comes first */
    *entry = at - 1;
    return true;
}

bool map_copy(Map *to, const Map *from) {
    if (from->index_size == 0) return true;
    unsigned char *block = allocate(to, block_bytes(from->index_size));
    if (block == NULL) return false;
    memcpy(block, from->index, index_bytes(from->index_size) + (size_t)from->entry_count * sizeof(MapEntry));
    Vm *vm = to->vm;
    *to = *from;
    to->vm = vm;
    to->index = block;
    to->entries = (MapEntry *)(block + index_bytes(from->index_size));
    return true;
}

bool map_reserve(Map *map, uint32_t count) {
    if (count > MAP_MAX_ENTRIES) return false;
    if (count <= map->count) return true;
    if ((uint64_t)map->fill + (count - map->count) <= usable(map->index_size)) return true;
    uint32_t size = MAP_MIN_SIZE;
    while (usable(size) < count) size *= 2;
    return rebuild(map, size);
}

bool map_next(const Map *map, uint32_t *position, MapEntry **entry) {
    while (*position < map->entry_count) {
        MapEntry *e = &map->entries[(*position)++];
        if (!IS_UNDEF(e->key)) {
            *entry = e;
            return true;
        }
    }
    return false;
}
