/* set_methods.c: the algebra of sets (union, intersection, differences, subsets), the operators that
 * every set-like type shares (set, frozenset, dict_keys, dict_items), the methods of set and frozenset,
 * and the set() and frozenset() builtins.
 *
 * Each algorithm is CPython 3.11's (Objects/setobject.c, dictobject.c's dictviews_*), down to which
 * operand is iterated and when a result is built afresh, because that decides the order the result
 * iterates in (see set.c). Operands that are not sets may be any iterable where CPython allows it.
 */
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

/* --- The algebra ----------------------------------------------------------------------------------------- */

static ObjType kind_of(const ObjSet *set) { return set->obj.type; }

/* Exchanges the contents of two sets (set_swap_bodies): how the *_update methods adopt a result. */
static void swap_bodies(ObjSet *a, ObjSet *b) {
    ObjSet t = *a;
    a->table = b->table, a->mask = b->mask, a->fill = b->fill, a->used = b->used;
    b->table = t.table, b->mask = t.mask, b->fill = t.fill, b->used = t.used;
    a->hashed = b->hashed = false;
}

typedef struct {
    ObjSet *set, *result; /* [result] gets the visited items that are in [set] */
} Filter;

static int add_if_in_set(Vm *vm, Value item, void *ctx) {
    Filter *f = ctx;
    uint64_t hash;
    if (!value_hash_key(vm, item, &hash)) return -1;
    if (hash == SET_DUMMY) hash = SET_DUMMY - 1;
    int found = set_find_hashed(vm, f->set, hash, item);
    if (found <= 0) return found < 0 ? -1 : 1;
    if (!set_insert_hashed(vm, f->result, hash, item)) return -1;
    return f->result->used >= f->set->used ? 0 : 1; /* nothing more can be found */
}

/* A new set of the kind of [so]: the elements of [so] that are in [other] (set_intersection). */
static ObjSet *intersection(Vm *vm, ObjSet *so, Value other) {
    if (IS_ANYSET(other) && AS_SET(other) == so) return set_copy(vm, kind_of(so), so);
    ObjSet *result = set_new(vm, kind_of(so));
    if (result == NULL) return NULL;
    vm_push_root(vm, obj_value(&result->obj));
    bool ok = true;
    if (IS_ANYSET(other)) {
        ObjSet *small = AS_SET(other), *large = so;
        if (small->used > large->used) small = so, large = AS_SET(other);
        uint32_t at = 0;
        for (SetEntry *e; ok && set_next_entry(small, &at, &e);) {
            int found = set_find_hashed(vm, large, e->hash, e->key);
            ok = found >= 0 && (found == 0 || set_insert_hashed(vm, result, e->hash, e->key));
        }
    } else {
        Filter f = {so, result};
        ok = for_each(vm, other, add_if_in_set, &f);
    }
    vm_pop_root(vm);
    return ok ? result : NULL;
}

static int discard_visited(Vm *vm, Value item, void *ctx) {
    return set_discard(vm, ctx, item) < 0 ? -1 : 1;
}

/* so -= other, for any iterable (set_difference_update_internal). */
static bool difference_update(Vm *vm, ObjSet *so, Value other) {
    if (IS_ANYSET(other) && AS_SET(other) == so) return set_clear(vm, so);
    vm_push_root(vm, obj_value(&so->obj));
    bool ok = true;
    if (IS_ANYSET(other)) {
        ObjSet *from = AS_SET(other);
        if ((from->used >> 3) > so->used) from = intersection(vm, so, other); /* a much larger set */
        if (from == NULL) ok = false;
        vm_push_root(vm, from != NULL ? obj_value(&from->obj) : none_value());
        uint32_t at = 0;
        for (SetEntry *e; ok && set_next_entry(from, &at, &e);) ok = set_discard_hashed(vm, so, e->hash, e->key) >= 0;
        vm_pop_root(vm);
    } else {
        ok = for_each(vm, other, discard_visited, so);
    }
    vm_pop_root(vm);
    return ok;
}

/* A copy of [so] less the elements of [other] (set_difference). */
static ObjSet *difference(Vm *vm, ObjSet *so, Value other) {
    int64_t other_size = IS_ANYSET(other) ? (int64_t)AS_SET(other)->used
                         : IS_DICT(other) ? (int64_t)map_count(&AS_DICT(other)->map) : -1;
    if (other_size < 0 || (so->used >> 2) > other_size) {
        ObjSet *result = set_copy(vm, kind_of(so), so);
        if (result == NULL) return NULL;
        vm_push_root(vm, obj_value(&result->obj));
        bool ok = difference_update(vm, result, other);
        vm_pop_root(vm);
        return ok ? result : NULL;
    }
    ObjSet *result = set_new(vm, kind_of(so));
    if (result == NULL) return NULL;
    vm_push_root(vm, obj_value(&result->obj));
    bool ok = true;
    uint32_t at = 0;
    for (SetEntry *e; ok && set_next_entry(so, &at, &e);) {
        Value unused;
        int found = IS_DICT(other) ? dict_get_hashed(vm, AS_DICT(other), e->hash, e->key, &unused)
                                   : set_find_hashed(vm, AS_SET(other), e->hash, e->key);
        ok = found >= 0 && (found == 1 || set_insert_hashed(vm, result, e->hash, e->key));
    }
    vm_pop_root(vm);
    return ok ? result : NULL;
}

/* Removes [item] when there, else adds it. */
static bool toggle(Vm *vm, ObjSet *so, uint64_t hash, Value item) {
    int removed = set_discard_hashed(vm, so, hash, item);
    return removed >= 0 && (removed == 1 || set_insert_hashed(vm, so, hash, item));
}

/* so ^= other, for any iterable (set_symmetric_difference_update). */
static bool symmetric_difference_update(Vm *vm, ObjSet *so, Value other) {
    if (IS_ANYSET(other) && AS_SET(other) == so) return set_clear(vm, so);
    bool ok = true;
    if (IS_DICT(other)) {
        uint32_t at = 0;
        for (MapEntry *e; ok && map_next(&AS_DICT(other)->map, &at, &e);) {
            ok = toggle(vm, so, e->hash == SET_DUMMY ? SET_DUMMY - 1 : e->hash, e->key);
        }
        return ok;
    }
    ObjSet *from = IS_ANYSET(other) ? AS_SET(other) : set_from_iterable(vm, kind_of(so), other);
    if (from == NULL) return false;
    vm_push_root(vm, obj_value(&from->obj));
    uint32_t at = 0;
    for (SetEntry *e; ok && set_next_entry(from, &at, &e);) ok = toggle(vm, so, e->hash, e->key);
    vm_pop_root(vm);
    return ok;
}

static ObjSet *symmetric_difference(Vm *vm, ObjSet *so, Value other) {
    ObjSet *result = set_from_iterable(vm, kind_of(so), other);
    if (result == NULL) return NULL;
    vm_push_root(vm, obj_value(&result->obj));
    bool ok = symmetric_difference_update(vm, result, obj_value(&so->obj));
    vm_pop_root(vm);
    return ok ? result : NULL;
}

static ObjSet *set_union(Vm *vm, ObjSet *so, Value other) {
    ObjSet *result = set_copy(vm, kind_of(so), so);
    if (result == NULL) return NULL;
    vm_push_root(vm, obj_value(&result->obj));
    bool ok = (IS_ANYSET(other) && AS_SET(other) == so) || set_update_from(vm, result, other);
    vm_pop_root(vm);
    return ok ? result : NULL;
}

bool set_update_op(Vm *vm, ObjSet *set, int op, Value other) {
    switch (op) {
    case NB_OR: return set_update_from(vm, set, other);
    case NB_SUBTRACT: return difference_update(vm, set, other);
    case NB_XOR: return symmetric_difference_update(vm, set, other);
    default: {
        vm_push_root(vm, obj_value(&set->obj));
        ObjSet *result = intersection(vm, set, other);
        vm_pop_root(vm);
        if (result == NULL) return false;
        swap_bodies(set, result);
        return true;
    }
    }
}

/* A new set (of so's kind) for so <op> other. */
static ObjSet *set_operation(Vm *vm, ObjSet *so, int op, Value other) {
    switch (op) {
    case NB_OR: return set_union(vm, so, other);
    case NB_SUBTRACT: return difference(vm, so, other);
    case NB_XOR: return symmetric_difference(vm, so, other);
    default: return intersection(vm, so, other);
    }
}

/* --- Subsets and the comparisons ------------------------------------------------------------------------- */

static bool is_view_set(Value v) { return IS_DICT_KEYS(v) || IS_DICT_ITEMS(v); }

static uint32_t setlike_size(Value v) {
    return IS_ANYSET(v) ? AS_SET(v)->used : map_count(&AS_DICT_VIEW(v)->dict->map);
}

/* for_each cannot tell "stopped early" from "finished": count the matches instead. */
typedef struct {
    Value container;
    uint32_t matched;
} Containment;

static int count_contained(Vm *vm, Value item, void *ctx) {
    Containment *c = ctx;
    int found = value_contains(vm, c->container, item);
    if (found < 0) return -1;
    if (found == 0) return 0;
    c->matched++;
    return 1;
}

/* Every element of [a] is in [b]: 1, 0, -1 (set_issubset, dictviews' all_contained_in). */
static int subset_of(Vm *vm, Value a, Value b) {
    if (IS_ANYSET(a) && IS_ANYSET(b)) {
        uint32_t at = 0;
        for (SetEntry *e; set_next_entry(AS_SET(a), &at, &e);) {
            int found = set_find_hashed(vm, AS_SET(b), e->hash, e->key);
            if (found != 1) return found;
        }
        return 1;
    }
    Containment c = {b, 0};
    vm_push_root(vm, a);
    vm_push_root(vm, b);
    bool ok = for_each(vm, a, count_contained, &c);
    vm->temp_root_count -= 2;
    if (!ok) return -1;
    return c.matched == setlike_size(a);
}

int setlike_equal(Vm *vm, Value a, Value b, int depth) {
    (void)depth;
    if (setlike_size(a) != setlike_size(b)) return 0;
    return subset_of(vm, a, b);
}

int setlike_compare(Vm *vm, int op, Value a, Value b, int depth) {
    (void)depth;
    uint32_t na = setlike_size(a), nb = setlike_size(b);
    switch (op) {
    case CMP_LT: return na < nb ? subset_of(vm, a, b) : 0;
    case CMP_LE: return na <= nb ? subset_of(vm, a, b) : 0;
    case CMP_GT: return na > nb ? subset_of(vm, b, a) : 0;
    default: return na >= nb ? subset_of(vm, b, a) : 0; /* CMP_GE */
    }
}

/* --- Operators -------------------------------------------------------------------------------------------- */

/* A view's side of an operator: a new set from [v] (a keys view reads its dict directly), as CPython's
 * dictviews_to_set. */
static ObjSet *view_to_set(Vm *vm, Value v) {
    if (IS_DICT_KEYS(v)) v = obj_value(&AS_DICT_VIEW(v)->dict->obj);
    return set_from_iterable(vm, OBJ_SET, v);
}

typedef struct {
    Value view;
    ObjSet *result;
} ViewFilter;

static int add_if_in_view(Vm *vm, Value item, void *ctx) {
    ViewFilter *f = ctx;
    int found = value_contains(vm, f->view, item);
    if (found < 0) return -1;
    return found == 0 || set_insert(vm, f->result, item) ? 1 : -1;
}

/* view & other (_PyDictView_Intersect): the smaller operand is iterated, each item looked up in the
 * other; a set operand that is at least as large does the work with its own intersection. */
static ObjSet *view_intersect(Vm *vm, Value a, Value b) {
    Value self = is_view_set(a) ? a : b, other = is_view_set(a) ? b : a;
    if (IS_SET(other) && setlike_size(self) <= setlike_size(other)) return intersection(vm, AS_SET(other), self);
    if (is_view_set(other) && setlike_size(other) > setlike_size(self)) {
        Value t = self;
        self = other, other = t;
    }
    ObjSet *result = set_new(vm, OBJ_SET);
    if (result == NULL) return NULL;
    vm_push_root(vm, obj_value(&result->obj));
    ViewFilter f = {self, result};
    bool ok = for_each(vm, other, add_if_in_view, &f);
    vm_pop_root(vm);
    return ok ? result : NULL;
}

/* The one binary_op slot of set, frozenset, dict_keys and dict_items. */
int setlike_binary_op(Vm *vm, int op, Value a, Value b, Value *result) {
    bool inplace = op >= NB_INPLACE_ADD;
    int base = inplace ? op - NB_INPLACE_ADD : op;
    if (base != NB_OR && base != NB_AND && base != NB_SUBTRACT && base != NB_XOR) return 0;
    ObjSet *out;
    if (IS_ANYSET(a) && IS_ANYSET(b)) {
        if (inplace && IS_SET(a)) { /* a frozenset has no in-place form: a |= b makes a new one */
            *result = a;
            return set_update_op(vm, AS_SET(a), base, b) ? 1 : -1;
        }
        out = set_operation(vm, AS_SET(a), base, b);
    } else if (is_view_set(a) || is_view_set(b)) {
        if (base == NB_AND) {
            out = view_intersect(vm, a, b);
        } else {
            out = view_to_set(vm, a);
            if (out == NULL) return -1;
            vm_push_root(vm, obj_value(&out->obj));
            bool ok = set_update_op(vm, out, base, b);
            vm_pop_root(vm);
            if (!ok) return -1;
        }
    } else {
        return 0; /* a set and a non-set: CPython's NotImplemented, then TypeError */
    }
    if (out == NULL) return -1;
    *result = obj_value(&out->obj);
    return 1;
}

/* --- Methods --------------------------------------------------------------------------------------------- */

/* LOAD_METHOD passes the set as args[0]; [kind] is its type's name for the messages. */
static bool arity(Vm *vm, const char *kind, const char *method, int argc, int wanted) {
    int given = argc - 1;
    if (given == wanted) return true;
    if (wanted == 0) return vm_raise(vm, EXC_TYPE_ERROR, "%s.%s() takes no arguments (%d given)", kind, method, given);
    return vm_raise(vm, EXC_TYPE_ERROR, "%s.%s() takes exactly one argument (%d given)", kind, method, given);
}

static const char *kind_name(Value v) { return IS_FROZENSET(v) ? "frozenset" : "set"; }

static bool set_result(ObjSet *set, Value *result) {
    if (set == NULL) return false;
    *result = obj_value(&set->obj);
    return true;
}

/* A set argument of remove and discard that is itself a set is looked up as a frozenset, as CPython
 * does; its own hash slot would call it unhashable. */
static int discard_any(Vm *vm, ObjSet *set, Value item) {
    if (!IS_SET(item)) return set_discard(vm, set, item);
    ObjSet *frozen = set_copy(vm, OBJ_FROZENSET, AS_SET(item));
    if (frozen == NULL) return -1;
    vm_push_root(vm, obj_value(&frozen->obj));
    int removed = set_discard(vm, set, obj_value(&frozen->obj));
    vm_pop_root(vm);
    return removed;
}

NATIVE(set_add_method) {
    (void)kwnames;
    if (!arity(vm, "set", "add", argc, 1) || !set_insert(vm, AS_SET(args[0]), args[1])) return false;
    *result = none_value();
    return true;
}

NATIVE(set_discard_method) {
    (void)kwnames;
    if (!arity(vm, "set", "discard", argc, 1) || discard_any(vm, AS_SET(args[0]), args[1]) < 0) return false;
    *result = none_value();
    return true;
}

NATIVE(set_remove_method) {
    (void)kwnames;
    if (!arity(vm, "set", "remove", argc, 1)) return false;
    int removed = discard_any(vm, AS_SET(args[0]), args[1]);
    if (removed == 0) return dict_key_error(vm, args[1]);
    *result = none_value();
    return removed == 1;
}

/* An arbitrary element (CPython's: the next one after the last pop, in table order). */
NATIVE(set_pop_method) {
    (void)kwnames;
    if (!arity(vm, "set", "pop", argc, 0)) return false;
    ObjSet *set = AS_SET(args[0]);
    if (set->used == 0) return key_error_text(vm, "pop from an empty set");
    uint32_t i = set->finger & set->mask;
    while (IS_UNDEF(set->table[i].key)) i = (i + 1) & set->mask;
    *result = set->table[i].key;
    set->table[i] = (SetEntry){SET_DUMMY, undef_value()};
    set->used--;
    set->finger = i + 1;
    return true;
}

NATIVE(set_clear_method) {
    (void)kwnames;
    if (!arity(vm, "set", "clear", argc, 0) || !set_clear(vm, AS_SET(args[0]))) return false;
    *result = none_value();
    return true;
}

/* s.copy(); a frozenset's copy is itself. */
NATIVE(set_copy_method) {
    (void)kwnames;
    if (!arity(vm, kind_name(args[0]), "copy", argc, 0)) return false;
    if (IS_FROZENSET(args[0])) {
        *result = args[0];
        return true;
    }
    return set_result(set_copy(vm, OBJ_SET, AS_SET(args[0])), result);
}

/* union, intersection, difference: any number of iterables; with none, a copy. */
static bool fold(Vm *vm, Value *args, int argc, int op, Value *result) {
    ObjSet *so = AS_SET(args[0]);
    ObjSet *acc = argc == 1 || op == NB_OR ? set_copy(vm, kind_of(so), so) : set_operation(vm, so, op, args[1]);
    if (acc == NULL) return false;
    vm_push_root(vm, obj_value(&acc->obj));
    bool ok = true;
    for (int i = op == NB_OR ? 1 : 2; ok && i < argc; i++) {
        if (op == NB_AND) {
            ObjSet *next = intersection(vm, acc, args[i]);
            ok = next != NULL;
            if (ok) acc = next, vm->temp_roots[vm->temp_root_count - 1] = obj_value(&acc->obj);
        } else if (!(op == NB_OR && IS_ANYSET(args[i]) && AS_SET(args[i]) == so)) {
            ok = set_update_op(vm, acc, op, args[i]);
        }
    }
    vm_pop_root(vm);
    return ok && set_result(acc, result);
}

NATIVE(set_union_method) {
    (void)kwnames;
    return fold(vm, args, argc, NB_OR, result);
}

NATIVE(set_intersection_method) {
    (void)kwnames;
    return fold(vm, args, argc, NB_AND, result);
}

NATIVE(set_difference_method) {
    (void)kwnames;
    return fold(vm, args, argc, NB_SUBTRACT, result);
}

NATIVE(set_symmetric_difference_method) {
    (void)kwnames;
    if (!arity(vm, kind_name(args[0]), "symmetric_difference", argc, 1)) return false;
    return set_result(symmetric_difference(vm, AS_SET(args[0]), args[1]), result);
}

/* update, intersection_update, difference_update: in place, any number of iterables. */
static bool fold_in_place(Vm *vm, Value *args, int argc, int op, Value *result) {
    ObjSet *set = AS_SET(args[0]);
    if (op == NB_AND && argc > 2) {
        Value folded;
        if (!fold(vm, args, argc, NB_AND, &folded)) return false;
        swap_bodies(set, AS_SET(folded));
    } else {
        for (int i = 1; i < argc; i++) {
            if (!set_update_op(vm, set, op, args[i])) return false;
        }
    }
    *result = none_value();
    return true;
}

NATIVE(set_update_method) {
    (void)kwnames;
    return fold_in_place(vm, args, argc, NB_OR, result);
}

NATIVE(set_intersection_update_method) {
    (void)kwnames;
    return fold_in_place(vm, args, argc, NB_AND, result);
}

NATIVE(set_difference_update_method) {
    (void)kwnames;
    return fold_in_place(vm, args, argc, NB_SUBTRACT, result);
}

NATIVE(set_symmetric_difference_update_method) {
    (void)kwnames;
    if (!arity(vm, "set", "symmetric_difference_update", argc, 1)) return false;
    if (!symmetric_difference_update(vm, AS_SET(args[0]), args[1])) return false;
    *result = none_value();
    return true;
}

/* s.issubset(iterable): a non-set is first intersected with s, as CPython does. */
NATIVE(set_issubset_method) {
    (void)kwnames;
    if (!arity(vm, kind_name(args[0]), "issubset", argc, 1)) return false;
    ObjSet *so = AS_SET(args[0]);
    int r;
    if (IS_ANYSET(args[1])) {
        r = so->used > AS_SET(args[1])->used ? 0 : subset_of(vm, args[0], args[1]);
    } else {
        ObjSet *common = intersection(vm, so, args[1]);
        if (common == NULL) return false;
        r = common->used == so->used;
    }
    if (r < 0) return false;
    *result = bool_value(r == 1);
    return true;
}

/* A visit that stops at the first item [set] has (wanted 0: lacks); the stop is recorded. */
typedef struct {
    ObjSet *set;
    int wanted; /* go on while set_find gives this */
    bool stopped;
} Scan;

static int scan_item(Vm *vm, Value item, void *ctx) {
    Scan *scan = ctx;
    int found = set_find(vm, scan->set, item);
    if (found < 0) return -1;
    if (found == scan->wanted) return 1;
    scan->stopped = true;
    return 0;
}

NATIVE(set_issuperset_method) {
    (void)kwnames;
    if (!arity(vm, kind_name(args[0]), "issuperset", argc, 1)) return false;
    int r;
    if (IS_ANYSET(args[1])) {
        r = AS_SET(args[1])->used > AS_SET(args[0])->used ? 0 : subset_of(vm, args[1], args[0]);
    } else {
        Scan scan = {AS_SET(args[0]), 1, false}; /* every item of the iterable is in s */
        if (!for_each(vm, args[1], scan_item, &scan)) return false;
        r = !scan.stopped;
    }
    if (r < 0) return false;
    *result = bool_value(r == 1);
    return true;
}

NATIVE(set_isdisjoint_method) {
    (void)kwnames;
    if (!arity(vm, kind_name(args[0]), "isdisjoint", argc, 1)) return false;
    ObjSet *so = AS_SET(args[0]);
    Value other = args[1];
    if (IS_ANYSET(other) && AS_SET(other)->used > so->used) { /* look the smaller set up in the larger */
        other = args[0];
        so = AS_SET(args[1]);
    }
    Scan scan = {so, 0, false}; /* no item of [other] is in [so] */
    if (!for_each(vm, other, scan_item, &scan)) return false;
    *result = bool_value(!scan.stopped);
    return true;
}

const MethodDef set_methods[] = {
    {"add", set_add_method, false},
    {"clear", set_clear_method, false},
    {"copy", set_copy_method, false},
    {"difference", set_difference_method, false},
    {"difference_update", set_difference_update_method, false},
    {"discard", set_discard_method, false},
    {"intersection", set_intersection_method, false},
    {"intersection_update", set_intersection_update_method, false},
    {"isdisjoint", set_isdisjoint_method, false},
    {"issubset", set_issubset_method, false},
    {"issuperset", set_issuperset_method, false},
    {"pop", set_pop_method, false},
    {"remove", set_remove_method, false},
    {"symmetric_difference", set_symmetric_difference_method, false},
    {"symmetric_difference_update", set_symmetric_difference_update_method, false},
    {"union", set_union_method, false},
    {"update", set_update_method, false},
    {NULL, NULL, false},
};

const MethodDef frozenset_methods[] = {
    {"copy", set_copy_method, false},
    {"difference", set_difference_method, false},
    {"intersection", set_intersection_method, false},
    {"isdisjoint", set_isdisjoint_method, false},
    {"issubset", set_issubset_method, false},
    {"issuperset", set_issuperset_method, false},
    {"symmetric_difference", set_symmetric_difference_method, false},
    {"union", set_union_method, false},
    {NULL, NULL, false},
};

/* --- The builtins ----------------------------------------------------------------------------------------- */

static bool construct(Vm *vm, const char *name, ObjType type, Value *args, int argc, ObjTuple *kwnames,
                      Value *result) {
    if (kwnames != NULL && kwnames->count > 0) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes no keyword arguments", name);
    }
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "%s expected at most 1 argument, got %d", name, argc);
    if (argc == 1 && type == OBJ_FROZENSET && IS_FROZENSET(args[0])) {
        *result = args[0]; /* frozenset(f) is f */
        return true;
    }
    return set_result(argc == 0 ? set_new(vm, type) : set_from_iterable(vm, type, args[0]), result);
}

bool builtin_set(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    return construct(vm, "set", OBJ_SET, args, argc, kwnames, result);
}

bool builtin_frozenset(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    return construct(vm, "frozenset", OBJ_FROZENSET, args, argc, kwnames, result);
}
