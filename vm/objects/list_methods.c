/* list_methods.c: the methods of list (append, pop, insert, extend, index, count, reverse, sort, clear,
 * copy), with CPython 3.11's behaviour and messages, and the stable merge sort that list.sort and
 * sorted() share.
 *
 * LOAD_METHOD finds them through list_type.methods and passes the list as args[0].
 */
#include <string.h>

#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

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

static bool insertion_sort(Vm *vm, Value *a, uint32_t lo, uint32_t hi) {
    for (uint32_t i = lo + 1; i < hi; i++) {
        Value x = a[i];
        uint32_t j = i;
        bool ok = true, lt = false;
        while (j > lo && (ok = less_than(vm, x, a[j - 1], &lt)) && lt) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
        if (!ok) return false;
    }
    return true;
}

/* Merges the sorted a[lo, mid) and a[mid, hi), taking from the left on ties (stability). The left run is
 * copied to [tmp]; after an error the rest of it is put back, so the list still holds every item. */
static bool merge(Vm *vm, Value *a, Value *tmp, uint32_t lo, uint32_t mid, uint32_t hi) {
    bool lt;
    if (!less_than(vm, a[mid], a[mid - 1], &lt)) return false;
    if (!lt) return true; /* already in order: sorted input costs one comparison per run */
    uint32_t nleft = mid - lo, i = 0, j = mid, k = lo;
    memcpy(tmp, a + lo, sizeof(Value) * nleft);
    bool ok = true;
    while (i < nleft && j < hi) {
        if (!(ok = less_than(vm, a[j], tmp[i], &lt))) break;
        a[k++] = lt ? a[j++] : tmp[i++];
    }
    while (i < nleft) a[k++] = tmp[i++];
    return ok;
}

/* A stable merge sort of items[0, n) by <; compare errors propagate. Comparisons of builtin values do not
 * allocate, so items parked in [tmp] are never missed by the GC. */
bool list_sort_values(Vm *vm, Value *items, uint32_t n) {
    for (uint32_t lo = 0; lo < n; lo += SORT_RUN) {
        if (!insertion_sort(vm, items, lo, lo + SORT_RUN < n ? lo + SORT_RUN : n)) return false;
    }
    if (n <= SORT_RUN) return true;
    /* The left run of the last merge can be nearly all of [items] (4096 of 5000), so tmp holds n. */
    Value *tmp = VM_ALLOCATE(vm, Value, n);
    if (tmp == NULL) return false;
    bool ok = true;
    for (uint32_t width = SORT_RUN; width < n && ok; width *= 2) {
        for (uint32_t lo = 0; lo + width < n && ok; lo += 2 * width) {
            uint32_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            ok = merge(vm, items, tmp, lo, lo + width, hi);
        }
    }
    VM_FREE_ARRAY(vm, Value, tmp, n);
    return ok;
}

static void reverse_values(Value *items, uint32_t n) {
    for (uint32_t i = 0, j = n; i + 1 < j; i++, j--) {
        Value t = items[i];
        items[i] = items[j - 1];
        items[j - 1] = t;
    }
}

/* Sorts [list], reading the keywords reverse= and key= (None only) from the end of args. Descending
 * order stays stable the way CPython does it: reverse, sort ascending, reverse again. */
bool list_sort(Vm *vm, ObjList *list, Value *keywords, const ObjTuple *kwnames) {
    bool reverse = false;
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        if (is_keyword(kwnames, k, "reverse")) {
            reverse = value_bool(keywords[k]);
        } else if (is_keyword(kwnames, k, "key")) {
            if (!IS_NONE(keywords[k])) return vm_raise(vm, EXC_TYPE_ERROR, "sort() key functions are not supported");
        } else {
            return invalid_keyword(vm, kwnames, k, "sort");
        }
    }
    if (reverse) reverse_values(list->items, list->count);
    bool ok = list_sort_values(vm, list->items, list->count);
    if (reverse) reverse_values(list->items, list->count);
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

/* Clamps a start/stop argument of list.index the way slices clamp. */
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
    int64_t bounds[2] = {0, INT64_MAX};
    for (int k = 0; k + 2 < argc; k++) {
        if (!IS_INT(args[k + 2]) && !IS_BOOL(args[k + 2])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "slice indices must be integers or have an __index__ method");
        }
        int_arg(vm, args[k + 2], &bounds[k]);
    }
    int64_t stop = clamp_bound(bounds[1], list->count);
    for (int64_t i = clamp_bound(bounds[0], list->count); i < stop && i < (int64_t)list->count; i++) {
        int found = value_equal_items(vm, list->items[i], args[1], 0);
        if (found < 0) return false;
        if (found == 1) {
            *result = int_value(i);
            return true;
        }
    }
    return raise_with_repr(vm, EXC_VALUE_ERROR, "", args[1], " is not in list");
}

NATIVE(list_count) {
    (void)kwnames;
    ObjList *list;
    if (!self_list(vm, "count", args, argc, &list) || !method_arity(vm, "count", argc, 1)) return false;
    int64_t n = 0;
    for (uint32_t i = 0; i < list->count; i++) {
        int found = value_equal_items(vm, list->items[i], args[1], 0);
        if (found < 0) return false;
        n += found;
    }
    *result = int_value(n);
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
    {"copy", list_copy, false},            {NULL, NULL, false},
};
