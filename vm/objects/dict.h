/* dict.h: Python's dict (objects/dict.c), its methods (dict_methods.c) and its views and iterators
 * (dict_views.c), all over the one hash map of core/map.h.
 *
 * A dict is an ObjDict holding a Map from key to value, in insertion order. Keys are hashed by
 * value_hash_key below (CPython's hash for numbers, so d[1], d[1.0] and d[True] are one entry) and
 * compared by map_key_equal (identity, then ==). set.c uses the same two for its elements.
 */
#ifndef cpvm_dict_h
#define cpvm_dict_h

#include <string.h>

#include "core/map.h"
#include "core/object.h"
#include "objects/number.h"
#include "objects/protocol.h"
#include "objects/str.h"

typedef struct {
    Obj obj;
    Map map;
} ObjDict;

/* d.keys(), d.values(), d.items(): a live view of [dict] (OBJ_DICT_KEYS, _VALUES, _ITEMS). */
typedef struct {
    Obj obj;
    ObjDict *dict;
} ObjDictView;

/* An iterator over a dict, a view or a set: the dict or set it walks (objects never move), the next
 * entry or slot number, and the size it must keep. CPython raises when the size changed
 * ([size]), and when more items come than were there ([remaining]: keys were replaced). */
typedef struct {
    Obj obj;
    Obj *owner;         /* the dict or set; NULL once exhausted */
    uint32_t position;  /* map_next's or set_next_entry's cursor */
    uint32_t size;      /* the owner's len() at the start */
    uint32_t remaining; /* items not yet returned */
} ObjMapIter;

#define IS_DICT(v) is_obj_type(v, OBJ_DICT)
#define AS_DICT(v) ((ObjDict *)AS_OBJ(v))
#define IS_DICT_KEYS(v) is_obj_type(v, OBJ_DICT_KEYS)
#define IS_DICT_ITEMS(v) is_obj_type(v, OBJ_DICT_ITEMS)
#define AS_DICT_VIEW(v) ((ObjDictView *)AS_OBJ(v))
#define AS_MAP_ITER(v) ((ObjMapIter *)AS_OBJ(v))

/* The hash a dict or set files [key] under: str and numbers inline (the common keys), the type's hash
 * slot for the rest; false with "TypeError: unhashable type: 'list'" and the like. */
static inline bool value_hash_key(Vm *vm, Value key, uint64_t *hash) {
    /* CPython hashes an int to itself below 2**61 - 1 (objects/number.c has the rest of its rule). */
    if (IS_INT(key) && AS_INT(key) >= 0 && AS_INT(key) < (int64_t)(((uint64_t)1 << 61) - 1)) {
        *hash = (uint64_t)AS_INT(key);
        return true;
    }
    if (IS_STRING(key)) {
        *hash = string_hash(AS_STRING(key));
        return true;
    }
    if (!IS_OBJ(key)) {
        *hash = number_hash(key);
        return true;
    }
    return value_hash(vm, key, hash);
}

/* Two strs of equal length: their bytes, a word at a time (the keys of a program are mostly short, and
 * a call to memcmp would cost more than comparing them). */
static inline bool same_chars(const char *a, const char *b, uint32_t length) {
    uint32_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t x, y;
        memcpy(&x, a + i, 8);
        memcpy(&y, b + i, 8);
        if (x != y) return false;
    }
    for (; i < length; i++) {
        if (a[i] != b[i]) return false;
    }
    return true;
}

/* The equality of dict keys and set elements, inline into the probe loops (map_lookup, set.c): str and
 * int keys are compared here, without the generic dispatch; everything else by identity, then == (so
 * 1 == 1.0 == True). */
static inline int keys_equal(void *context, Value stored, Value key) {
    if (IS_STRING(stored) && IS_STRING(key)) {
        const ObjString *a = AS_STRING(stored), *b = AS_STRING(key);
        return a == b || (a->length == b->length && same_chars(a->chars, b->chars, a->length));
    }
    if (IS_INT(stored) && IS_INT(key)) return AS_INT(stored) == AS_INT(key);
    return value_equal_items(context, stored, key, 0);
}

/* keys_equal as a function: the MapEqual for the map operations that take one ([context] is the Vm). */
int map_key_equal(void *context, Value stored, Value key);

ObjDict *dict_new(Vm *vm);
/* d[key]: 1 and *value set, 0 when absent, -1 with an error (unhashable key). */
int dict_get(Vm *vm, ObjDict *dict, Value key, Value *value);
/* The same with the hash known: what set and view code that already hashed calls. */
int dict_get_hashed(Vm *vm, ObjDict *dict, uint64_t hash, Value key, Value *value);
/* d[key] = value; the three are kept alive across the growth this may need. */
bool dict_set(Vm *vm, ObjDict *dict, Value key, Value value);
bool dict_set_hashed(Vm *vm, ObjDict *dict, uint64_t hash, Value key, Value value);
/* del d[key]: 1 removed, 0 absent, -1 error. */
int dict_delete(Vm *vm, ObjDict *dict, Value key);
/* d.update(other), and dict(other): a dict, anything with keys() (only dicts in cpvm) or an iterable of
 * pairs; CPython's errors for an element that is not a pair. */
bool dict_update_from(Vm *vm, ObjDict *dict, Value other);
/* KeyError(key), as CPython prints it: KeyError: 'x', KeyError: (1, 2). */
bool dict_key_error(Vm *vm, Value key);
/* KeyError with a str key [text] (set.pop on an empty set): its message is the repr, quoted. False. */
bool key_error_text(Vm *vm, const char *text);
/* dict(...) and dict.fromkeys: the builtin constructor (positional mapping or pairs, then keywords). */
bool builtin_dict(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);

/* A view or iterator over [dict]'s map: the objects of dict_views.c. */
bool dict_view_new(Vm *vm, ObjDict *dict, ObjType type, Value *result);
bool map_iter_new(Vm *vm, Obj *owner, ObjType type, Value *result);
/* The slots every ObjMapIter type shares (set.c's set_iterator too). */
void map_iter_free(Vm *vm, Obj *obj);
void map_iter_mark(GcMarker *marker, Obj *obj);
bool map_iter_self(Vm *vm, Value self, Value *iter);
bool map_iter_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope);
/* A pair (key, value) as a new tuple (the items iterator, dict.popitem). */
bool dict_pair(Vm *vm, Value key, Value value, Value *result);

extern const TypeInfo dict_type, dict_keys_type, dict_values_type, dict_items_type;
extern const TypeInfo dict_keyiter_type, dict_valueiter_type, dict_itemiter_type;
extern const MethodDef dict_methods[]; /* objects/dict_methods.c */

#endif
