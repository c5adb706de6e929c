/* map.h: cpvm's one hash map, from Value keys to Value values, in insertion order.
 *
 * Today it indexes the compiler's names and constants (compiler/codegen.c), the assembler's pools,
 * labels and functions (bytecode/asm_pools.c) and the disassembler's pools (bytecode/disasm.c). It is
 * meant to become the storage of Python's dict and set, instance attributes, module globals and interned
 * strings, so it has the layout of CPython's compact dict (Objects/dictobject.c):
 *
 *     index:    [ 1 | . | . | 0 | x | . | 2 | . ]     index_size slots, a power of two: entry numbers,
 *                                                      or MAP_FREE (.) or MAP_DELETED (x)
 *     entries:  [ {hash, k0, v0} {hash, k1, v1} {hash, k2, v2} ... ]     dense, in insertion order
 *
 * A lookup probes the small index, and iteration walks the dense entries, so it follows insertion order
 * (as a Python dict must) and never visits a free slot. An index slot is 1, 2 or 4 bytes, the fewest
 * that hold every entry number, so a small map's whole index fits in a cache line. The entries fill at
 * most 2/3 of index_size: probes stay short, and a free slot always ends them. Deleting leaves a
 * tombstone entry (key VAL_UNDEF, so no key may be VAL_UNDEF) and a MAP_DELETED slot that probes walk
 * past; both are dropped when the map is next rebuilt, which renumbers the entries.
 *
 * The map knows no key types. The caller passes each operation the key's hash (any 64 bits; equal keys
 * must hash alike) and an equality callback, which returns 1 (equal), 0 (not) or -1 (failed: Python's
 * __eq__ may raise), and -1 is passed back up. The callback must not change the map. The map does not
 * mark its Values for the GC: an owner that keeps objects in one keeps them alive itself.
 *
 * Memory: through vm_reallocate when the map has a Vm (a failure then leaves MemoryError set), else
 * malloc (the caller reports the failure its own way). A zeroed Map is an empty malloc'd one.
 */
#ifndef cpvm_map_h
#define cpvm_map_h

#include "core/value.h"

typedef struct Vm Vm;

typedef struct {
    uint64_t hash;
    Value key;   /* VAL_UNDEF: deleted (a tombstone) */
    Value value;
} MapEntry;

typedef struct {
    Vm *vm;               /* the allocator; NULL: malloc */
    unsigned char *index; /* index_size slots, then the entries: one allocation, as in CPython */
    MapEntry *entries;    /* room for 2/3 of index_size; the first entry_count are used */
    uint32_t index_size;  /* 0 (nothing allocated yet) or a power of two */
    uint32_t entry_count; /* entries used, tombstones included */
    uint32_t fill;        /* index slots taken (entries and MAP_DELETED marks): at least entry_count,
                           * since trimming the last tombstones gives back entries but not their slots */
    uint32_t count;       /* live entries: the map's len() */
} Map;

/* Compares the key of an entry, [stored], with the [key] being looked up: 1 equal, 0 not, -1 error. */
typedef int MapEqual(void *context, Value stored, Value key);

/* The most entries a map holds (index_size up to 2^30): entry numbers stay below INT32_MAX. */
#define MAP_MAX_ENTRIES ((uint32_t)(((uint64_t)1 << 30) * 2 / 3))

/* An empty map whose memory comes from [vm]'s allocator, or malloc when [vm] is NULL. */
void map_init(Map *map, Vm *vm);
/* Frees the map's memory; it is empty (and still usable) afterwards. */
void map_free(Map *map);

/* --- The lookup, inline ---------------------------------------------------------------------------------
 * map.c's operations and the hot paths of its callers (dict.c) share this one probe loop. A caller that
 * passes its own static equality function has it inlined here, so a dict lookup is one function. */

/* Slot values besides entry numbers (negative, so they fit every slot width). */
#define MAP_FREE (-1)
#define MAP_DELETED (-2)

/* A slot is as narrow as the entry numbers of its size allow: int8 up to 128 slots (85 entries), int16
 * up to 32768, then int32. A small map, the common case, then probes in one cache line. */
static inline size_t map_slot_width(uint32_t size) { return size <= 128 ? 1 : size <= 32768 ? 2 : 4; }

/* Slot [slot] of an index whose slots are [width] bytes. Lookups take the width once, so the compiler
 * can keep it in a register through the probe loop. */
static inline int32_t map_read_slot(const unsigned char *index, size_t width, uint32_t slot) {
    if (width == 1) return ((const int8_t *)index)[slot];
    if (width == 2) return ((const int16_t *)index)[slot];
    return ((const int32_t *)index)[slot];
}

/* The probe sequence: CPython's "i = 5*i + perturb + 1", with perturb the hash shifted down 5 bits a
 * step. The first probes depend on the high bits too (a hash that differs only there would otherwise
 * collide forever); once perturb is 0, 5*i + 1 mod a power of two visits every slot. */
typedef struct {
    uint32_t slot;
    uint64_t perturb;
} MapProbe;

static inline MapProbe map_probe_start(const Map *map, uint64_t hash) {
    return (MapProbe){(uint32_t)hash & (map->index_size - 1), hash};
}

static inline void map_probe_step(const Map *map, MapProbe *probe) {
    probe->perturb >>= 5;
    probe->slot = (uint32_t)((probe->slot * (uint64_t)5 + probe->perturb + 1) & (map->index_size - 1));
}

/* The index slot that holds [key], or, when it is absent, the free slot that ends its probe: 1 found
 * (the slot in *slot, its entry number in *entry), 0 absent (the free slot in *slot), -1 when [eq]
 * failed. */
static inline int map_lookup(const Map *map, uint64_t hash, Value key, MapEqual *eq, void *context, uint32_t *slot,
                             uint32_t *entry) {
    if (map->index_size == 0) return 0;
    size_t width = map_slot_width(map->index_size);
    for (MapProbe probe = map_probe_start(map, hash);; map_probe_step(map, &probe)) {
        int32_t at = map_read_slot(map->index, width, probe.slot);
        if (at == MAP_FREE) {
            *slot = probe.slot;
            return 0;
        }
        if (at == MAP_DELETED || map->entries[at].hash != hash) continue;
        int same = eq(context, map->entries[at].key, key);
        if (same != 0) {
            *slot = probe.slot;
            *entry = (uint32_t)at;
            return same; /* 1, or -1 for an error */
        }
    }
}

/* Looks up [key] with [hash]: 1 and its entry number in [*entry] when found, 0 when not, -1 when [eq]
 * failed. */
int map_find(const Map *map, uint64_t hash, Value key, MapEqual *eq, void *context, uint32_t *entry);
/* Sets [key] to [value]: 1 when the key was new (appended last), 0 when an equal key was there (its
 * value replaced, the key and its position kept, as a dict does), -1 when [eq] failed or memory ran out
 * (the map unchanged). [*entry], when not NULL, gets the entry number. */
int map_insert(Map *map, uint64_t hash, Value key, Value value, MapEqual *eq, void *context, uint32_t *entry);
/* Appends [key], which the caller knows is absent (map_find said so, or all keys are distinct), without
 * comparing keys. False when memory runs out (or the map is full). */
bool map_add(Map *map, uint64_t hash, Value key, Value value, uint32_t *entry);
/* Removes [key]: 1 when it was there, 0 when not, -1 when [eq] failed. */
int map_delete(Map *map, uint64_t hash, Value key, MapEqual *eq, void *context);
/* Removes entry number [entry] (live, as map_find gave it) without comparing keys: dict.pop reads the
 * value it found, then removes that entry. Trailing tombstones are trimmed, so popping the last entry
 * again and again (popitem) stays O(1) and reuses the room. */
void map_delete_entry(Map *map, uint32_t entry);
/* The number of the last live entry (popitem's, LIFO as CPython's); false when the map is empty. */
bool map_last(const Map *map, uint32_t *entry);
/* Makes [to] (empty) a copy of [from], in the same order, with [to]'s allocator: one block copied, no
 * key hashed or compared (dict.copy, set.copy, dict(d)). False when memory runs out. */
bool map_copy(Map *to, const Map *from);
/* Makes room for [count] live entries in all, so that adding them allocates nothing more. */
bool map_reserve(Map *map, uint32_t count);

/* The live entry after [*position] (start at 0), in insertion order; false after the last one.
 *
 *     uint32_t at = 0;
 *     for (MapEntry *e; map_next(map, &at, &e);) ... e->key, e->value ...
 */
bool map_next(const Map *map, uint32_t *position, MapEntry **entry);

static inline uint32_t map_count(const Map *map) { return map->count; }
/* Whether one more key can be added without allocating (map.c's usable(): 2/3 of the index), so that a
 * caller need not protect its values from a collection first. */
static inline bool map_has_room(const Map *map) {
    return map->fill < (uint32_t)((uint64_t)map->index_size * 2 / 3);
}
/* Entry number [entry], as map_find, map_insert or map_add gave it (valid until the next insert). */
static inline MapEntry *map_entry(const Map *map, uint32_t entry) { return &map->entries[entry]; }

#endif
