/* set.h: Python's set and frozenset (objects/set.c; methods in set_methods.c), over core/map.h.
 *
 * One layout for both: the elements are the keys of a Map (values unused), hashed and compared as dict
 * keys are (objects/dict.h). A frozenset caches its hash, CPython's frozenset_hash. The operators (| & -
 * ^ and the comparisons) accept any "set-like" operand: set, frozenset, and the keys and items views of
 * a dict, as CPython does.
 */
#ifndef cpvm_set_h
#define cpvm_set_h

#include "objects/dict.h"

/* One slot of a set's table: empty (key VAL_UNDEF, hash 0), a dummy left by a deletion (key VAL_UNDEF,
 * hash SET_DUMMY) or an element with its hash. */
typedef struct {
    uint64_t hash;
    Value key;
} SetEntry;
#define SET_DUMMY UINT64_MAX /* CPython's -1: no element hashes to it (set.c maps it away) */

typedef struct {
    Obj obj;
    SetEntry *table; /* mask + 1 slots, owned */
    uint32_t mask;   /* table size - 1; the size is a power of two, at least 8 */
    uint32_t fill;   /* elements + dummies */
    uint32_t used;   /* elements: len() */
    uint32_t finger; /* where pop() looks next */
    uint64_t hash;   /* frozenset: the cached hash, valid when [hashed] */
    bool hashed;
} ObjSet;

#define IS_SET(v) is_obj_type(v, OBJ_SET)
#define IS_FROZENSET(v) is_obj_type(v, OBJ_FROZENSET)
#define IS_ANYSET(v) (IS_SET(v) || IS_FROZENSET(v))
#define AS_SET(v) ((ObjSet *)AS_OBJ(v))

/* An empty set (OBJ_SET) or frozenset (OBJ_FROZENSET). */
ObjSet *set_new(Vm *vm, ObjType type);
/* A new set or frozenset of the items of any iterable; NULL with an error set. */
ObjSet *set_from_iterable(Vm *vm, ObjType type, Value iterable);
/* Adds [item] (kept alive across growth): false when unhashable or out of memory. */
bool set_insert(Vm *vm, ObjSet *set, Value item);
bool set_insert_hashed(Vm *vm, ObjSet *set, uint64_t hash, Value item);
/* item in set: 1, 0, or -1 (unhashable). */
int set_find(Vm *vm, ObjSet *set, Value item);
/* Adds every item of any iterable (set.update, set(iterable)). */
bool set_update_from(Vm *vm, ObjSet *set, Value iterable);
/* s.discard(item): 1 removed, 0 absent, -1 error. */
int set_discard(Vm *vm, ObjSet *set, Value item);

/* The in-place forms of the algebra, with any iterable as [other]: what the methods, the operators and
 * the dict views share. [op] is NB_OR, NB_AND, NB_SUBTRACT or NB_XOR. */
bool set_update_op(Vm *vm, ObjSet *set, int op, Value other);
/* The operators of every set-like type, and their comparisons (one function each, so that value_equal
 * and value_compare pair set with frozenset and the views: core/object.h's binary_op slot). */
int setlike_binary_op(Vm *vm, int op, Value a, Value b, Value *result);
int setlike_equal(Vm *vm, Value a, Value b, int depth);
int setlike_compare(Vm *vm, int op, Value a, Value b, int depth);
/* The element after slot *[position] (start at 0), in table order; false after the last. */
static inline bool set_next_entry(const ObjSet *set, uint32_t *position, SetEntry **entry) {
    while (*position <= set->mask) {
        SetEntry *e = &set->table[(*position)++];
        if (!IS_UNDEF(e->key)) {
            *entry = e;
            return true;
        }
    }
    return false;
}
int set_find_hashed(Vm *vm, ObjSet *set, uint64_t hash, Value item);
int set_discard_hashed(Vm *vm, ObjSet *set, uint64_t hash, Value item);
/* Empties [set] (its table back to 8 slots): false when memory runs out. */
bool set_clear(Vm *vm, ObjSet *set);
/* A new set or frozenset (the type of [like]) with the elements of [from]: CPython's set_copy. */
ObjSet *set_copy(Vm *vm, ObjType type, ObjSet *from);

/* set(...) and frozenset(...): the builtin constructors. */
bool builtin_set(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);
bool builtin_frozenset(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result);

extern const TypeInfo set_type, frozenset_type, set_iter_type;
extern const MethodDef set_methods[], frozenset_methods[]; /* objects/set_methods.c */

#endif
