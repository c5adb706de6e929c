/* protocol.c: the generic operations on any value. Each handles the non-object values (None, bool, int,
 * float: objects/number.c) first, then calls the object's TypeInfo slot; a NULL slot gives CPython's
 * TypeError, word for word. Nothing here switches on a type: a new type only fills in its own table.
 */
#include <stdlib.h>
#include <string.h>

#include "core/vm.h"
#include "objects/object.h"

static const TypeInfo *type_of(Value v) { return type_of_obj(AS_OBJ(v)); }

/* --- Truthiness, repr, str ----------------------------------------------------------------------------- */

bool value_bool(Value v) {
    if (!IS_OBJ(v)) return value_truthy(v);
    const TypeInfo *type = type_of(v);
    return type->truthy == NULL || type->truthy(v);
}

bool value_write_repr_in(Vm *vm, StrBuf *b, Value v, const ReprScope *scope) {
    if (!IS_OBJ(v)) {
        number_write_repr(vm, b, v);
        return !b->failed;
    }
    return type_of(v)->repr(vm, b, v, scope);
}

/* Growing the buffer may collect, and callers need not hold [v] anywhere the GC looks: root it here. */
bool value_write_repr(Vm *vm, StrBuf *b, Value v) {
    vm_push_root(vm, v);
    bool ok = value_write_repr_in(vm, b, v, NULL);
    vm_pop_root(vm);
    return ok;
}

bool value_write_str(Vm *vm, StrBuf *b, Value v) {
    if (!IS_OBJ(v) || type_of(v)->str == NULL) return value_write_repr(vm, b, v);
    vm_push_root(vm, v);
    bool ok = type_of(v)->str(vm, b, v);
    vm_pop_root(vm);
    return ok;
}

ObjString *value_to_string(Vm *vm, Value v) {
    if (IS_STRING(v)) return AS_STRING(v);
    StrBuf b;
    strbuf_init(&b);
    ObjString *s = value_write_str(vm, &b, v) ? string_copy(vm, b.chars, b.length) : NULL;
    strbuf_free(vm, &b);
    return s;
}

/* --- Comparison and hashing ---------------------------------------------------------------------------- */

bool value_nesting_too_deep(Vm *vm, int depth, const char *what) {
    /* Each level recurses in C: a high --recursion-limit must not overflow the C stack (as calls do). */
    if (depth <= vm->recursion_limit && !vm_c_stack_exhausted(vm)) return false;
    vm_raise(vm, EXC_RECURSION_ERROR, "maximum recursion depth exceeded %s", what);
    return true;
}

int value_equal(Vm *vm, Value a, Value b, int depth) {
    if (is_number(a) && is_number(b)) return number_compare(a, b) == 0;
    if (value_is(a, b)) return 1; /* same object; floats never get here, so nan stays unequal */
    /* Types that share an equal slot compare with each other (bytes and bytearray). */
    if (!IS_OBJ(a) || !IS_OBJ(b) || type_of(a)->equal != type_of(b)->equal) return 0;
    const TypeInfo *type = type_of(a);
    return type->equal == NULL ? 0 : type->equal(vm, a, b, depth); /* no slot: equal only to itself */
}

/* CPython's PyObject_RichCompareBool(a, b, Py_EQ): identity first, then ==. Containers compare their
 * items this way, and `in`, count and index use it, so a nan is found in [nan]. */
int value_equal_items(Vm *vm, Value a, Value b, int depth) {
    return value_is(a, b) ? 1 : value_equal(vm, a, b, depth);
}

static int not_orderable(Vm *vm, int op, Value a, Value b) {
    vm_raise(vm, EXC_TYPE_ERROR, "'%s' not supported between instances of '%s' and '%s'", compare_op_symbols[op],
             value_type_name(a), value_type_name(b));
    return -1;
}

int value_compare(Vm *vm, int op, Value a, Value b, int depth) {
    if (is_number(a) && is_number(b)) return order_holds(op, number_compare(a, b));
    /* Two strings, the comparison a text scan makes on every character, go straight to the answer. */
    if (IS_STRING(a) && IS_STRING(b)) {
        const ObjString *x = AS_STRING(a), *y = AS_STRING(b);
        if (op == CMP_EQ || op == CMP_NE) return string_equal(x, y) == (op == CMP_EQ);
        return order_holds(op, str_compare(x, y));
    }
    if (op == CMP_EQ || op == CMP_NE) {
        int e = value_equal(vm, a, b, depth);
        return e < 0 ? -1 : (e == 1) == (op == CMP_EQ);
    }
    if (!IS_OBJ(a) || !IS_OBJ(b) || type_of(a)->compare != type_of(b)->compare) return not_orderable(vm, op, a, b);
    const TypeInfo *type = type_of(a);
    if (type->compare == NULL) return not_orderable(vm, op, a, b);
    return type->compare(vm, op, a, b, depth);
}

bool value_hash(Vm *vm, Value v, uint64_t *hash) {
    if (!IS_OBJ(v)) {
        *hash = number_hash(v);
        return true;
    }
    const TypeInfo *type = type_of(v);
    if (type->hash != NULL) return type->hash(vm, v, hash);
    /* Objects without a notion of equality hash by identity, as CPython's object.__hash__. */
    if (type->equal == NULL) {
        uintptr_t address = (uintptr_t)AS_OBJ(v);
        *hash = (uint64_t)(address >> 4 | address << (sizeof address * 8 - 4));
        return true;
    }
    return vm_raise(vm, EXC_TYPE_ERROR, "unhashable type: '%s'", type->name);
}

/* --- Containers ---------------------------------------------------------------------------------------- */

bool value_len(Vm *vm, Value v, int64_t *length) {
    if (IS_OBJ(v) && type_of(v)->len != NULL) return type_of(v)->len(vm, v, length);
    return vm_raise(vm, EXC_TYPE_ERROR, "object of type '%s' has no len()", value_type_name(v));
}

bool value_subscript(Vm *vm, Value v, Value index, Value *result) {
    if (!IS_OBJ(v) || type_of(v)->subscript == NULL) {
        return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not subscriptable", value_type_name(v));
    }
    /* Slicing allocates; the container must outlive that even if the caller holds it only in C. */
    vm_push_root(vm, v);
    bool ok = type_of(v)->subscript(vm, v, index, result);
    vm_pop_root(vm);
    return ok;
}

bool value_store_subscript(Vm *vm, Value v, Value index, Value item) {
    if (!IS_OBJ(v) || type_of(v)->store_subscript == NULL) {
        return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object does not support item assignment", value_type_name(v));
    }
    return type_of(v)->store_subscript(vm, v, index, item);
}

bool value_is_iterable(Value v) { return IS_OBJ(v) && type_of(v)->get_iter != NULL; }

bool value_get_iter(Vm *vm, Value v, Value *iter) {
    if (!value_is_iterable(v)) return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not iterable", value_type_name(v));
    return type_of(v)->get_iter(vm, v, iter);
}

int value_next(Vm *vm, Value it, Value *item) {
    if (!IS_OBJ(it) || type_of(it)->next == NULL) {
        vm_raise(vm, EXC_TYPE_ERROR, "'%s' object is not an iterator", value_type_name(it));
        return -1;
    }
    return type_of(it)->next(vm, it, item);
}

/* `item in it` for an iterator: consumes it up to the first match, as CPython does. */
static int iterator_contains(Vm *vm, Value it, Value item) {
    Value next;
    int status;
    vm_push_root(vm, it);
    while ((status = value_next(vm, it, &next)) == 1) {
        int found = value_equal_items(vm, next, item, 0);
        if (found != 0) {
            status = found; /* 1, or -1 on error */
            break;
        }
        /* A loop in C over a possibly huge range: interrupts must reach it as they reach bytecode loops. */
        if (__builtin_expect(vm->exec.interrupt != 0, 0) && !rt_interrupted(vm)) {
            status = -1;
            break;
        }
    }
    vm_pop_root(vm);
    return status; /* 1: found, 0: exhausted, -1: error */
}

int value_contains(Vm *vm, Value v, Value item) {
    if (IS_OBJ(v)) {
        const TypeInfo *type = type_of(v);
        if (type->contains != NULL) return type->contains(vm, v, item);
        if (type->next != NULL) return iterator_contains(vm, v, item);
    }
    vm_raise(vm, EXC_TYPE_ERROR, "argument of type '%s' is not iterable", value_type_name(v));
    return -1;
}

/* --- Attributes and methods ---------------------------------------------------------------------------- */

static bool no_attribute(Vm *vm, Value v, ObjString *name) {
    return vm_raise(vm, EXC_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", value_type_name(v), name->chars);
}

bool value_getattr(Vm *vm, Value v, ObjString *name, Value *result) {
    if (IS_OBJ(v) && type_of(v)->getattr != NULL) return type_of(v)->getattr(vm, v, name, result);
    return no_attribute(vm, v, name);
}

/* The builtin object for method [index] of [type] in this VM, made on first use and kept (a GC root). */
static ObjBuiltin *method_object(Vm *vm, ObjType type, const MethodDef *methods, uint32_t index) {
    if (vm->type_methods[type] == NULL) {
        uint32_t count = 0;
        while (methods[count].name != NULL) count++;
        vm->type_methods[type] = calloc(count, sizeof(ObjBuiltin *));
        if (vm->type_methods[type] == NULL) {
            vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
            return NULL;
        }
    }
    ObjBuiltin **slot = &vm->type_methods[type][index];
    if (*slot == NULL) *slot = builtin_new(vm, methods[index].name, methods[index].fn, methods[index].accepts_keywords);
    return *slot;
}

bool value_find_method(Vm *vm, Value v, ObjString *name, Value *method) {
    if (!IS_OBJ(v)) return no_attribute(vm, v, name);
    ObjType type = AS_OBJ(v)->type;
    const TypeInfo *info = cpvm_types[type];
    /* A loop calling list.append looks the same name up each time: a small cache by the name object's
     * address (which a collection may reuse, so gc_collect empties it) spares the string compares. */
    size_t slot = (((uintptr_t)name >> 4) ^ type) % (sizeof vm->method_cache / sizeof vm->method_cache[0]);
    if (vm->method_cache[slot].name == name && vm->method_cache[slot].type == type) {
        *method = obj_value(&vm->method_cache[slot].method->obj);
        return true;
    }
    for (uint32_t i = 0; info->methods != NULL && info->methods[i].name != NULL; i++) {
        if (strcmp(info->methods[i].name, name->chars) != 0) continue;
        ObjBuiltin *builtin = method_object(vm, type, info->methods, i);
        if (builtin == NULL) return false;
        vm->method_cache[slot].type = type;
        vm->method_cache[slot].name = name;
        vm->method_cache[slot].method = builtin;
        *method = obj_value(&builtin->obj);
        return true;
    }
    if (info->getattr != NULL) return info->getattr(vm, v, name, method); /* a module's functions */
    return no_attribute(vm, v, name);
}
