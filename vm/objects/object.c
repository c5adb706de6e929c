/* object.c: constructors and destructors of heap objects.
 *
 * Every constructor gets its object from gc_allocate_object (gc.c: a slot in a page for small objects,
 * a malloc block on vm->objects for large ones) and returns NULL with MemoryError set when memory runs
 * out. Freeing happens only in object_free, called by the sweep (for dead objects that own buffers, and
 * for large ones) and by vm_free. Objects never change after construction except where their type is
 * mutable (list), so string_copy may hand out one shared object for each one-character ASCII str.
 */
#include <string.h>

#include "jit/jit.h"
#include "objects/object.h"
#include "core/unicode.h"
#include "core/vm.h"

/* --- Strings ------------------------------------------------------------------------------------------- */

uint32_t hash_bytes(const char *chars, size_t length) {
    uint32_t hash = 2166136261u; /* FNV-1a: simple, and good enough for short identifiers */
    for (size_t i = 0; i < length; i++) {
        hash ^= (uint8_t)chars[i];
        hash *= 16777619u;
    }
    return hash;
}

/* A string of [length] bytes and [char_count] code points whose bytes the caller fills in next (then it
 * is never changed again); NULL with MemoryError set. */
static ObjString *string_allocate(Vm *vm, size_t length, uint32_t char_count) {
    if (length > UINT32_MAX - 1) {
        vm_raise(vm, EXC_MEMORY_ERROR, "string too long");
        return NULL;
    }
    ObjString *string = (ObjString *)gc_allocate_object(vm, sizeof(ObjString) + length + 1, OBJ_STRING);
    if (string == NULL) return NULL;
    string->length = (uint32_t)length;
    string->char_count = char_count;
    string->chars[length] = '\0';
    return string; /* hash 0: computed on first use */
}

ObjString *string_copy(Vm *vm, const char *chars, size_t length) {
    if (length == 1 && (uint8_t)chars[0] < 0x80) {
        ObjString *cached = vm->single_chars[(uint8_t)chars[0]];
        if (cached != NULL) return cached; /* NULL only while vm_new makes them */
    }
    uint32_t count = 0;
    /* Callers validate; be safe. (Too long a string fails in string_allocate.) */
    if (length <= UINT32_MAX - 1 && !utf8_is_valid(chars, length, &count)) count = (uint32_t)length;
    ObjString *string = string_allocate(vm, length, count);
    if (string != NULL && length > 0) memcpy(string->chars, chars, length);
    return string;
}

ObjString *string_from_cstr(Vm *vm, const char *cstr) { return string_copy(vm, cstr, strlen(cstr)); }

ObjString *string_concat(Vm *vm, const ObjString *a, const ObjString *b) {
    size_t length = (size_t)a->length + b->length;
    if (length <= 1) return string_copy(vm, a->length ? a->chars : b->chars, length); /* the shared one */
    /* [a] and [b] stay alive through the allocation: the caller holds them (on the value stack). */
    ObjString *string = string_allocate(vm, length, a->char_count + b->char_count);
    if (string == NULL) return NULL;
    memcpy(string->chars, a->chars, a->length);
    memcpy(string->chars + a->length, b->chars, b->length);
    return string;
}

uint32_t string_hash(ObjString *s) {
    if (s->hash == 0) {
        uint32_t hash = hash_bytes(s->chars, s->length);
        s->hash = hash == 0 ? 1 : hash; /* 0 means "not computed yet" */
    }
    return s->hash;
}

bool string_equal(const ObjString *a, const ObjString *b) {
    /* The first byte settles most unequal pairs (and every pair of one-character strings) without a call. */
    return a == b || (a->length == b->length && (a->length == 0 || a->chars[0] == b->chars[0]) &&
                      memcmp(a->chars, b->chars, a->length) == 0);
}

/* --- Containers ---------------------------------------------------------------------------------------- */

ObjList *list_new(Vm *vm, uint32_t capacity) {
    ObjList *list = (ObjList *)gc_allocate_object(vm, sizeof(ObjList), OBJ_LIST);
    if (list == NULL || capacity == 0) return list;
    vm_push_root(vm, obj_value(&list->obj));
    list->items = VM_ALLOCATE(vm, Value, capacity);
    vm_pop_root(vm);
    if (list->items == NULL) return NULL;
    list->capacity = capacity;
    return list;
}

bool list_append(Vm *vm, ObjList *list, Value v) {
    if (list->count == list->capacity) {
        if (list->capacity >= UINT32_MAX / 2) return vm_raise(vm, EXC_MEMORY_ERROR, "list too long");
        uint32_t capacity = list->capacity < 8 ? 8 : list->capacity * 2;
        /* The new value may be the only reference to an object: keep it alive across the allocation. */
        vm_push_root(vm, v);
        vm_push_root(vm, obj_value(&list->obj));
        Value *items = (Value *)vm_reallocate(vm, list->items, sizeof(Value) * list->capacity,
                                              sizeof(Value) * capacity);
        vm_pop_root(vm);
        vm_pop_root(vm);
        if (items == NULL) return false;
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = v;
    return true;
}

ObjTuple *tuple_new(Vm *vm, uint32_t count) {
    if (count > (UINT32_MAX - sizeof(ObjTuple)) / sizeof(Value)) {
        vm_raise(vm, EXC_MEMORY_ERROR, "tuple too long");
        return NULL;
    }
    ObjTuple *tuple = (ObjTuple *)gc_allocate_object(vm, sizeof(ObjTuple) + sizeof(Value) * count, OBJ_TUPLE);
    if (tuple == NULL) return NULL;
    tuple->count = count;
    for (uint32_t i = 0; i < count; i++) tuple->items[i] = none_value();
    return tuple;
}

/* --- Functions and modules ----------------------------------------------------------------------------- */

ObjCode *code_new(Vm *vm) { return (ObjCode *)gc_allocate_object(vm, sizeof(ObjCode), OBJ_CODE); }

ObjFunction *function_new(Vm *vm, ObjCode *code, ObjTuple *defaults) {
    ObjFunction *function = (ObjFunction *)gc_allocate_object(vm, sizeof(ObjFunction), OBJ_FUNCTION);
    if (function == NULL) return NULL;
    function->code = code;
    function->defaults = defaults;
    return function;
}

ObjBuiltin *builtin_new(Vm *vm, const char *name, NativeFn fn, bool accepts_keywords) {
    ObjBuiltin *builtin = (ObjBuiltin *)gc_allocate_object(vm, sizeof(ObjBuiltin), OBJ_BUILTIN);
    if (builtin == NULL) return NULL;
    builtin->name = name;
    builtin->fn = fn;
    builtin->accepts_keywords = accepts_keywords;
    return builtin;
}

ObjModule *module_new(Vm *vm, ObjString *name, uint32_t count) {
    ObjModule *module = (ObjModule *)gc_allocate_object(vm, sizeof(ObjModule), OBJ_MODULE);
    if (module == NULL) return NULL;
    module->name = name;
    if (count == 0) return module;
    vm_push_root(vm, obj_value(&module->obj));
    module->attr_names = VM_ALLOCATE(vm, ObjString *, count);
    module->attr_values = module->attr_names ? VM_ALLOCATE(vm, Value, count) : NULL;
    vm_pop_root(vm);
    if (module->attr_values == NULL) return NULL;
    memset(module->attr_names, 0, sizeof(ObjString *) * count);
    for (uint32_t i = 0; i < count; i++) module->attr_values[i] = none_value();
    module->count = count;
    return module;
}

ObjRange *range_new(Vm *vm, int64_t start, int64_t stop, int64_t step) {
    ObjRange *range = (ObjRange *)gc_allocate_object(vm, sizeof(ObjRange), OBJ_RANGE);
    if (range == NULL) return NULL;
    range->start = start;
    range->stop = stop;
    range->step = step;
    return range;
}

ObjIter *iter_new(Vm *vm, Value seq) {
    ObjIter *iter = (ObjIter *)gc_allocate_object(vm, sizeof(ObjIter), OBJ_ITER);
    if (iter == NULL) return NULL;
    iter->seq = seq;
    return iter;
}

ObjSlice *slice_new(Vm *vm, Value start, Value stop, Value step) {
    ObjSlice *slice = (ObjSlice *)gc_allocate_object(vm, sizeof(ObjSlice), OBJ_SLICE);
    if (slice == NULL) return NULL;
    slice->start = start;
    slice->stop = stop;
    slice->step = step;
    return slice;
}

/* --- Freeing ------------------------------------------------------------------------------------------- */

/* Each case releases what the object owns, then its own memory. gc.c's owns_buffers must list every type
 * whose case frees more than the object: the sweep skips object_free for the others. */

static void free_code(Vm *vm, ObjCode *code) {
    if (code->jit != NULL) jit_free_code(vm, code);
    VM_FREE_ARRAY(vm, ObjString *, code->local_names, code->nlocals);
    VM_FREE_ARRAY(vm, Value, code->consts, code->nconsts);
    VM_FREE_ARRAY(vm, ObjString *, code->names, code->nnames);
    VM_FREE_ARRAY(vm, uint32_t, code->global_slots, code->nnames);
    VM_FREE_ARRAY(vm, uint8_t, code->code, code->code == NULL ? 0 : (size_t)code->code_length + 4);
    VM_FREE_ARRAY(vm, LineEntry, code->lines, code->nlines);
    gc_free_object(vm, code, sizeof(ObjCode));
}

void object_free(Vm *vm, Obj *obj) {
    switch (obj->type) {
    case OBJ_STRING: {
        ObjString *string = (ObjString *)obj;
        gc_free_object(vm, obj, sizeof(ObjString) + string->length + 1);
        break;
    }
    case OBJ_LIST: {
        ObjList *list = (ObjList *)obj;
        VM_FREE_ARRAY(vm, Value, list->items, list->capacity);
        gc_free_object(vm, list, sizeof(ObjList));
        break;
    }
    case OBJ_TUPLE: {
        ObjTuple *tuple = (ObjTuple *)obj;
        gc_free_object(vm, obj, sizeof(ObjTuple) + sizeof(Value) * tuple->count);
        break;
    }
    case OBJ_CODE: free_code(vm, (ObjCode *)obj); break;
    case OBJ_FUNCTION: gc_free_object(vm, obj, sizeof(ObjFunction)); break;
    case OBJ_BUILTIN: gc_free_object(vm, obj, sizeof(ObjBuiltin)); break;
    case OBJ_MODULE: {
        ObjModule *module = (ObjModule *)obj;
        VM_FREE_ARRAY(vm, ObjString *, module->attr_names, module->count);
        VM_FREE_ARRAY(vm, Value, module->attr_values, module->count);
        gc_free_object(vm, module, sizeof(ObjModule));
        break;
    }
    case OBJ_RANGE: gc_free_object(vm, obj, sizeof(ObjRange)); break;
    case OBJ_ITER: gc_free_object(vm, obj, sizeof(ObjIter)); break;
    case OBJ_SLICE: gc_free_object(vm, obj, sizeof(ObjSlice)); break;
    }
}

const char *value_type_name(Value v) {
    switch (v.type) {
    case VAL_NONE: return "NoneType";
    case VAL_BOOL: return "bool";
    case VAL_INT: return "int";
    case VAL_FLOAT: return "float";
    case VAL_OBJ: break;
    default: return "undefined";
    }
    switch (AS_OBJ(v)->type) {
    case OBJ_STRING: return "str";
    case OBJ_LIST: return "list";
    case OBJ_TUPLE: return "tuple";
    case OBJ_CODE: return "code";
    case OBJ_FUNCTION: return "function";
    case OBJ_BUILTIN: return "builtin_function_or_method";
    case OBJ_MODULE: return "module";
    case OBJ_RANGE: return "range";
    case OBJ_ITER: {
        Value seq = AS_ITER(v)->seq;
        if (IS_NONE(seq)) return "range_iterator";
        if (IS_LIST(seq)) return "list_iterator";
        if (IS_TUPLE(seq)) return "tuple_iterator";
        return "str_iterator";
    }
    case OBJ_SLICE: return "slice";
    }
    return "object";
}
