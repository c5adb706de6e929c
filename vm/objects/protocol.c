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
    if (!IS_OBJ(a) || !IS_OBJ(b)) return 0;
    /* Types that share an equal function compare across types (set == frozenset, dict_keys == set,
     * bytes == bytearray). */
    const TypeInfo *type = type_of(a);
    if (AS_OBJ(a)->type != AS_OBJ(b)->type && type->equal != type_of(b)->equal) return 0;
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
    if (!IS_OBJ(a) || !IS_OBJ(b)) return not_orderable(vm, op, a, b);
    const TypeInfo *type = type_of(a);
    if (type->compare == NULL || type->compare != type_of(b)->compare) return not_orderable(vm, op, a, b);
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
        if (IS_UNDEF(item)) {
            return vm_raise(vm, EXC_TYPE_ERROR, "'%s' object doesn't support item deletion", value_type_name(v));
        }
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

/* The builtin object for method [index] of [type] in this VM, made on first use and kept (a GC root). */
ObjBuiltin *type_method_object(Vm *vm, ObjType type, const MethodDef *methods, uint32_t index) {
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
    if (*slot == NULL) {
        *slot = builtin_new(vm, methods[index].name, methods[index].fn, (methods[index].flags & METHOD_KEYWORDS) != 0);
        if (*slot != NULL) (*slot)->owner = cpvm_types[type]->name;
    }
    return *slot;
}

/* The method [name] of [type]'s table: 1 and *method found, 0 when it has none, -1 on error. A small cache
 * by the name object's address (which a collection may reuse, so gc_collect empties it) spares a loop
 * calling list.append the string compares. */
static inline size_t method_cache_slot(const Vm *vm, ObjType type, const ObjString *name) {
    return (((uintptr_t)name >> 4) ^ type) % (sizeof vm->method_cache / sizeof vm->method_cache[0]);
}

/* The cached ordinary method [name] of [type], or NULL: the common case of LOAD_METHOD, kept inline. */
static inline ObjBuiltin *cached_method(const Vm *vm, ObjType type, const ObjString *name) {
    size_t slot = method_cache_slot(vm, type, name);
    return vm->method_cache[slot].name == name && vm->method_cache[slot].type == type ? vm->method_cache[slot].method
                                                                                        : NULL;
}

static int find_method_in(Vm *vm, ObjType type, ObjString *name, ObjBuiltin **method, unsigned *flags) {
    const TypeInfo *info = cpvm_types[type];
    size_t slot = method_cache_slot(vm, type, name);
    if ((*method = cached_method(vm, type, name)) != NULL) {
        *flags = 0; /* only ordinary methods are cached */
        return 1;
    }
    for (uint32_t i = 0; info->methods != NULL && info->methods[i].name != NULL; i++) {
        if (strcmp(info->methods[i].name, name->chars) != 0) continue;
        *method = type_method_object(vm, type, info->methods, i);
        if (*method == NULL) return -1;
        *flags = info->methods[i].flags & (METHOD_STATIC | METHOD_CLASS);
        if (*flags == 0) {
            vm->method_cache[slot].type = type;
            vm->method_cache[slot].name = name;
            vm->method_cache[slot].method = *method;
        }
        return 1;
    }
    return 0;
}

/* The method [name] of the type of a value that is not on the heap (an int, a bool): its type object's,
 * or a base's (bool's are int's). A type object with an ObjType (int's big ints) lends that type's
 * table and cache; one with a table of its own makes the builtin afresh. */
static int find_method_of_value(Vm *vm, Value v, ObjString *name, ObjBuiltin **method, unsigned *flags) {
    for (const ObjTypeObject *t = type_object_of(vm, v); t != NULL; t = t->base) {
        if (t->obj_type >= 0) {
            int found = find_method_in(vm, (ObjType)t->obj_type, name, method, flags);
            if (found != 0) return found;
            continue;
        }
        for (uint32_t i = 0; t->methods != NULL && t->methods[i].name != NULL; i++) {
            const MethodDef *def = &t->methods[i];
            if (strcmp(def->name, name->chars) != 0) continue;
            *method = builtin_new(vm, def->name, def->fn, (def->flags & METHOD_KEYWORDS) != 0);
            *flags = def->flags & (METHOD_STATIC | METHOD_CLASS);
            return *method == NULL ? -1 : 1;
        }
    }
    return 0;
}

/* The method [name] of v's type: 1 with *method and its flags, 0 when there is none, -1 on error. */
static int find_method(Vm *vm, Value v, ObjString *name, ObjBuiltin **method, unsigned *flags) {
    if (IS_OBJ(v)) return find_method_in(vm, AS_OBJ(v)->type, name, method, flags);
    return find_method_of_value(vm, v, name, method, flags);
}

/* A static method as it is; a class method bound to the type object of [v]. */
static bool unbound_method_value(Vm *vm, Value v, ObjBuiltin *method, unsigned flags, Value *result) {
    *result = obj_value(&method->obj);
    if (!(flags & METHOD_CLASS)) return true;
    ObjBoundMethod *bound = bound_method_new(vm, obj_value(&type_object_of(vm, v)->obj), *result);
    if (bound == NULL) return false;
    *result = obj_value(&bound->obj);
    return true;
}

bool value_find_method(Vm *vm, Value v, ObjString *name, Value *pair) {
    ObjBuiltin *builtin = IS_OBJ(v) ? cached_method(vm, AS_OBJ(v)->type, name) : NULL;
    if (builtin != NULL) {
        pair[0] = obj_value(&builtin->obj);
        pair[1] = v;
        return true;
    }
    unsigned flags;
    int found = find_method(vm, v, name, &builtin, &flags);
    if (found < 0) return false;
    if (found == 1 && flags == 0) {
        pair[0] = obj_value(&builtin->obj);
        pair[1] = v;
        return true;
    }
    /* Anything else is called as it is: a module's function, a type's method, a static or class method. */
    Value callable;
    bool ok = found == 1 ? unbound_method_value(vm, v, builtin, flags, &callable)
                         : value_getattr(vm, v, name, &callable);
    if (!ok) return false;
    pair[0] = undef_value();
    pair[1] = callable;
    return true;
}

/* v.name: the type's getattr slot (a module's names, a type's methods), else a method of v's type bound
 * to v (push = stack.append). */
bool value_getattr(Vm *vm, Value v, ObjString *name, Value *result) {
    if (IS_OBJ(v) && type_of(v)->getattr != NULL) return type_of(v)->getattr(vm, v, name, result);
    ObjBuiltin *builtin;
    unsigned flags;
    int found = find_method(vm, v, name, &builtin, &flags);
    if (found < 0) return false;
    if (found == 0) return no_attribute(vm, v, name);
    if (flags != 0) return unbound_method_value(vm, v, builtin, flags, result);
    ObjBoundMethod *bound = bound_method_new(vm, v, obj_value(&builtin->obj));
    if (bound == NULL) return false;
    *result = obj_value(&bound->obj);
    return true;
}
