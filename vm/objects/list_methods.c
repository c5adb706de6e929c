/* list_methods.c: the methods of list (append, pop, insert, extend, index, count, remove, reverse, sort,
 * clear, copy), with CPython 3.11's behaviour and messages, and the stable merge sort that list.sort and
 * sorted() share.
 *
 * LOAD_METHOD finds them through list_type.methods and passes the list as args[0].
 */
#include <string.h>

#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"
#include "objects/sequence.h"

/* --- Sorting ------------------------------------------------------------------------------------------- */

/* a < b, with the int and float cases inline because sorting numbers is the common case. */
static bool less_than(Vm *vm, Value a, Value b, bool *lt) {
    if (IS_INT(a) && IS_INT(b)) {
        *lt = AS_INT(a) < AS_INT(b);
        return true;
    }
    if (IS_FLOAT(a) && IS_FLOAT(b)) {
        *lt = AS_FLOAT(a) < AS_FLOAT(b);
        return true;
    }
    int r = value_compare(vm, CMP_LT, a, b, 0);
    if (r < 0) return false;
    *lt = r == 1;
    return true;
}

/* Runs this short are sorted by insertion first; merging starts from them. */
#define SORT_RUN 32

/* What is sorted: [keys], compared with <, and [items] (NULL: the keys themselves), which move with them.
 * sorted(xs, key=f) sorts the keys f(x) and carries the xs along. */
typedef struct {
    Value *keys, *items;
} SortArrays;

static void sort_move(SortArrays a, uint32_t to, uint32_t from) {
    a.keys[to] = a.keys[from];
    if (a.items != NULL) a.items[to] = a.items[from];
}

static bool insertion_sort(Vm *vm, SortArrays a, uint32_t lo, uint32_t hi) {
    for (uint32_t i = lo + 1; i < hi; i++) {
        Value key = a.keys[i], item = a.items != NULL ? a.items[i] : key;
        uint32_t j = i;
        bool ok = true, lt = false;
        while (j > lo && (ok = less_than(vm, key, a.keys[j - 1], &lt)) && lt) {
            sort_move(a, j, j - 1);
            j--;
        }
        a.keys[j] = key;
        if (a.items != NULL) a.items[j] = item;
        if (!ok) return false;
    }
    return true;
}

/* Merges the sorted a[lo, mid) and a[mid, hi), taking from the left on ties (stability). The left run is
 * copied to [tmp]; after an error the rest of it is put back, so the arrays still hold every value. */
static bool merge(Vm *vm, SortArrays a, SortArrays tmp, uint32_t lo, uint32_t mid, uint32_t hi) {
    bool lt;
    if (!less_than(vm, a.keys[mid], a.keys[mid - 1], &lt)) return false;
    if (!lt) return true; /* already in order: sorted input costs one comparison per run */
    uint32_t nleft = mid - lo, i = 0, j = mid, k = lo;
    memcpy(tmp.keys, a.keys + lo, sizeof(Value) * nleft);
    if (a.items != NULL) memcpy(tmp.items, a.items + lo, sizeof(Value) * nleft);
    bool ok = true;
    while (i < nleft && j < hi) {
        if (!(ok = less_than(vm, a.keys[j], tmp.keys[i], &lt))) break;
        if (lt) {
            sort_move(a, k++, j++);
        } else {
            a.keys[k] = tmp.keys[i];
            if (a.items != NULL) a.items[k] = tmp.items[i];
            k++, i++;
        }
    }
    for (; i < nleft; i++, k++) {
        a.keys[k] = tmp.keys[i];
        if (a.items != NULL) a.items[k] = tmp.items[i];
    }
    return ok;
}

/* A stable merge sort of a.keys[0, n) by <, carrying a.items along; compare errors propagate. The values
 * parked in tmp are also in the arrays or in a rooted list, so the GC misses none. */
static bool sort_arrays(Vm *vm, SortArrays a, uint32_t n) {
    for (uint32_t lo = 0; lo < n; lo += SORT_RUN) {
        if (!insertion_sort(vm, a, lo, lo + SORT_RUN < n ? lo + SORT_RUN : n)) return false;
    }
    if (n <= SORT_RUN) return true;
    /* The left run of the last merge can be nearly all of the array (4096 of 5000), so tmp holds n. */
    size_t tmp_count = a.items != NULL ? 2 * (size_t)n : n;
    Value *buffer = VM_ALLOCATE(vm, Value, tmp_count);
    if (buffer == NULL) return false;
    SortArrays tmp = {buffer, a.items != NULL ? buffer + n : NULL};
    bool ok = true;
    for (uint32_t width = SORT_RUN; width < n && ok; width *= 2) {
        for (uint32_t lo = 0; lo + width < n && ok; lo += 2 * width) {
            uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            ok = merge(vm, a, tmp, lo, lo + width, hi);
        }
    }
    VM_FREE_ARRAY(vm, Value, buffer, tmp_count);
    return ok;
}

bool list_sort_values(Vm *vm, Value *items, uint32_t n) { return sort_arrays(vm, (SortArrays){items, NULL}, n); }

static void reverse_values(Value *items, uint32_t n) {
    for (uint32_t i = 0, j = n; i + 1 < j; i++, j--) {
        Value t = items[i];
        items[i] = items[j - 1];
        items[j - 1] = t;
    }
}

/* Sorts [items] (n of them, held by a rooted list) by key(item): the keys go in a new list, rooted while
 * the key function runs and the sort compares them. */
static bool sort_by_key(Vm *vm, Value key, Value *items, uint32_t n, bool reverse) {
    ObjList *keys = list_new(vm, n);
    if (keys == NULL) return false;
    vm_push_root(vm, obj_value(&keys->obj));
    bool ok = true;
    for (uint32_t i = 0; i < n && ok; i++) {
        Value k;
        ok = vm->call_value(vm, key, &items[i], 1, NULL, &k) && list_append(vm, keys, k);
    }
    if (ok) {
        if (reverse) reverse_values(keys->items, n), reverse_values(items, n);
        ok = sort_arrays(vm, (SortArrays){keys->items, items}, n);
        if (reverse) reverse_values(keys->items, n), reverse_values(items, n);
    }
    vm_pop_root(vm);
    return ok;
}

/* Sorts [list], reading the keywords key= and reverse= from the end of args. Descending order stays
 * stable the way CPython does it: reverse, sort ascending, reverse again. While a key function runs the
 * list is empty (its items are held aside), and a list changed meanwhile is a ValueError, as in CPython. */
bool list_sort(Vm *vm, ObjList *list, Value *keywords, const ObjTuple *kwnames) {
    static const char *const names[] = {"key", "reverse", NULL};
    Value options[2] = {undef_value(), undef_value()};
    if (!keyword_args(vm, "sort", keywords, (int)(kwnames == NULL ? 0 : kwnames->count), kwnames, names, options)) {
        return false;
    }
    int64_t reverse = 0;
    if (!IS_UNDEF(options[1]) && !int_arg(vm, options[1], &reverse)) return false;
    Value key = IS_UNDEF(options[0]) ? none_value() : options[0];
    if (IS_NONE(key)) {
        if (reverse) reverse_values(list->items, list->count);
        bool ok = list_sort_values(vm, list->items, list->count);
        if (reverse) reverse_values(list->items, list->count);
        return ok;
    }
    ObjList *held = list_new(vm, 0);
    if (held == NULL) return false;
    *held = (ObjList){.obj = held->obj, .count = list->count, .capacity = list->capacity, .items = list->items};
    list->count = list->capacity = 0;
    list->items = NULL;
    vm_push_root(vm, obj_value(&held->obj));
    bool ok = sort_by_key(vm, key, held->items, held->count, reverse != 0);
    bool modified = list->count != 0 || list->items != NULL;
    ObjList emptied = *list;
    *list = (ObjList){.obj = list->obj, .count = held->count, .capacity = held->capacity, .items = held->items};
    *held = (ObjList){.obj = held->obj, .count = emptied.count, .capacity = emptied.capacity, .items = emptied.items};
    vm_pop_root(vm);
    if (ok && modified) return vm_raise(vm, EXC_VALUE_ERROR, "list modified during sort");
    return ok;
}

/* --- Methods ------------------------------------------------------------------------------------------- */

/* Every list method gets the list as args[0] (LOAD_METHOD put it there); check it anyway, as CPython's
 * method descriptors do. */
static bool self_list(Vm *vm, const char *method, Value *args, int argc, ObjList **list) {
    if (argc < 1) {
        vm_raise(vm, EXC_TYPE_ERROR, "descriptor '%s' of 'list' object needs an argument", method);
        return false;
    }
    if (!IS_LIST(args[0])) {
        vm_raise(vm, EXC_TYPE_ERROR, "descriptor '%s' for 'list' objects doesn't apply to a '%s' object",
                        method, value_type_name(args[0]));
        return false;
    }
    *list = AS_LIST(args[0]);
    return true;
}

/* Methods taking exactly one argument (besides self) or none, with CPython's wording. */
static bool method_arity(Vm *vm, const char *method, int argc, int wanted) {
    int given = argc - 1;
    if (given == wanted) return true;
    if (wanted == 0) return vm_raise(vm, EXC_TYPE_ERROR, "list.%s() takes no arguments (%d given)", method, given);
    return vm_raise(vm, EXC_TYPE_ERROR, "list.%s() takes exactly one argument (%d given)", method, given);
}

/* Clamps list.insert's index the way slices clamp. */
static int64_t clamp_bound(int64_t i, int64_t count) {
    if (i < 0) {
        i += count;
        if (i < 0) i = 0;
    }
    return i > count ? count : i;
}

NATIVE(list_append_method) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "append", args, argc, &list) || !method_arity(vm, "append", argc, 1)) return false;
    *result = none_value();
    return list_append(vm, list, args[1]);
}

NATIVE(list_pop) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "pop", args, argc, &list)) return false;
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "pop expected at most 1 argument, got %d", argc - 1);
    int64_t i = -1;
    if (argc == 2 && !int_arg(vm, args[1], &i)) return false;
    if (list->count == 0) return vm_raise(vm, EXC_INDEX_ERROR, "pop from empty list");
    if (i < 0) i += list->count;
    if (i < 0 || i >= (int64_t)list->count) return vm_raise(vm, EXC_INDEX_ERROR, "pop index out of range");
    *result = list->items[i];
    memmove(list->items + i, list->items + i + 1, sizeof(Value) * (list->count - (uint64_t)i - 1));
    list->count--;
    return true;
}

NATIVE(list_insert) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "insert", args, argc, &list)) return false;
    if (argc != 3) return vm_raise(vm, EXC_TYPE_ERROR, "insert expected 2 arguments, got %d", argc - 1);
    int64_t i;
    if (!int_arg(vm, args[1], &i)) return false;
    i = clamp_bound(i, list->count);
    if (!list_append(vm, list, args[2])) return false; /* grows the array; the item then moves into place */
    memmove(list->items + i + 1, list->items + i, sizeof(Value) * (list->count - 1 - (uint64_t)i));
    list->items[i] = args[2];
    *result = none_value();
    return true;
}

NATIVE(list_extend) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "extend", args, argc, &list) || !method_arity(vm, "extend", argc, 1)) return false;
    *result = none_value();
    return list_extend_by(vm, list, args[1]); /* counted first, so a.extend(a) doubles a */
}

NATIVE(list_index) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "index", args, argc, &list)) return false;
    if (argc < 2) return vm_raise(vm, EXC_TYPE_ERROR, "index expected at least 1 argument, got %d", argc - 1);
    if (argc > 4) return vm_raise(vm, EXC_TYPE_ERROR, "index expected at most 3 arguments, got %d", argc - 1);
    int64_t found;
    if (!sequence_index(vm, args[0], args[1], args + 2, argc - 2, &found)) return false;
    if (found < 0) return raise_with_repr(vm, EXC_VALUE_ERROR, "", args[1], " is not in list");
    *result = int_value(found);
    return true;
}

NATIVE(list_count) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "count", args, argc, &list) || !method_arity(vm, "count", argc, 1)) return false;
    int64_t n;
    if (!sequence_count(vm, args[0], args[1], &n)) return false;
    *result = int_value(n);
    return true;
}

NATIVE(list_remove) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "remove", args, argc, &list) || !method_arity(vm, "remove", argc, 1)) return false;
    int64_t found;
    if (!sequence_index(vm, args[0], args[1], NULL, 0, &found)) return false;
    if (found < 0) return vm_raise(vm, EXC_VALUE_ERROR, "list.remove(x): x not in list");
    memmove(list->items + found, list->items + found + 1, sizeof(Value) * (list->count - (uint64_t)found - 1));
    list->count--;
    *result = none_value();
    return true;
}

NATIVE(list_reverse) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "reverse", args, argc, &list) || !method_arity(vm, "reverse", argc, 0)) return false;
    reverse_values(list->items, list->count);
    *result = none_value();
    return true;
}

NATIVE(list_sort_method) {
    ObjList *list;
    if (!self_list(vm, "sort", args, argc, &list)) return false;
    if (positional_count(argc, kwnames) > 1) {
        return vm_raise(vm, EXC_TYPE_ERROR, "sort() takes no positional arguments");
    }
    *result = none_value();
    return list_sort(vm, list, args + 1, kwnames);
}

NATIVE(list_clear) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "clear", args, argc, &list) || !method_arity(vm, "clear", argc, 0)) return false;
    list->count = 0;
    *result = none_value();
    return true;
}

NATIVE(list_copy) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "copy", args, argc, &list) || !method_arity(vm, "copy", argc, 0)) return false;
    ObjList *copy = list_new(vm, list->count);
    if (copy == NULL) return false;
    if (list->count > 0) memcpy(copy->items, list->items, sizeof(Value) * list->count);
    copy->count = list->count;
    *result = obj_value(&copy->obj);
    return true;
}

const MethodDef list_methods[] = {
    {"append", list_append_method, false}, {"pop", list_pop, false},       {"insert", list_insert, false},
    {"extend", list_extend, false},        {"index", list_index, false},   {"count", list_count, false},
    {"reverse", list_reverse, false},      {"sort", list_sort_method, true},      {"clear", list_clear, false},
    {"copy", list_copy, false},            {"remove", list_remove, false},  {NULL, NULL, false},
};
