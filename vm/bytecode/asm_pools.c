/* asm_pools.c: a function's pools and labels while it is assembled, and the indexes that dedupe them.
 *
 * asm.c and asm_lex.c add constants, names, locals and labels here as they read them; finish_function
 * (asm.c) moves the arrays into the ObjCode. Each index is a core/map Map from a key to the position of
 * its first item, so deduplicating constants and finding labels stay linear on large inputs. The rule
 * for "identical constants", asm_constants_identical, and its hash are shared with disasm.c, which must
 * write a constant by value exactly where the assembler would find that same pool slot again.
 */
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "bytecode/asm_internal.h"

/* --- Growable arrays -------------------------------------------------------------------------------- */

bool asm_reserve(Parser *p, void **array, uint32_t *capacity, uint32_t count, size_t size) {
    if (count < *capacity) return true;
    if (count >= UINT32_MAX / 2) return fail(p, "too many items");
    uint32_t grown_capacity = *capacity < 8 ? 8 : *capacity * 2;
    void *grown = realloc(*array, (size_t)grown_capacity * size);
    if (grown == NULL) return asm_fail_memory(p);
    *array = grown;
    *capacity = grown_capacity;
    return true;
}

/* --- Indexes ---------------------------------------------------------------------------------------- */

/* The position of [key] in [index], or -1. */
static int64_t index_find(const Map *index, uint32_t hash, Value key, MapEqual *eq, void *context) {
    uint32_t entry;
    if (map_find(index, hash, key, eq, context, &entry) != 1) return -1;
    return AS_INT(map_entry(index, entry)->value);
}

/* Records that [key], absent from [index], is first found at [position]. */
static bool index_add(Parser *p, Map *index, uint32_t hash, Value key, uint32_t position) {
    if (map_count(index) >= MAX_INDEXED) return fail(p, "too many items");
    return map_add(index, hash, key, int_value(position), NULL) || asm_fail_memory(p);
}

/* --- Constant identity (asm.h: disasm.c follows the same rule) -------------------------------------- */

static uint32_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull; /* MurmurHash3's finaliser: spreads every input bit over the result */
    x ^= x >> 33;
    return (uint32_t)x;
}

uint32_t asm_constant_hash(Value v) {
    if (IS_STRING(v)) return string_hash(AS_STRING(v));
    if (IS_BYTES(v)) return bytes_hash(AS_BYTES(v));
    if (IS_TUPLE(v)) {
        uint32_t h = 0x345678u;
        for (uint32_t i = 0; i < AS_TUPLE(v)->count; i++) h = (h ^ asm_constant_hash(AS_TUPLE(v)->items[i])) * 1000003u;
        return h;
    }
    if (IS_BIGINT(v)) return (uint32_t)bigint_hash(AS_BIGINT(v));
    if (IS_OBJ(v)) return mix64((uint64_t)(uintptr_t)AS_OBJ(v));
    if (IS_BOOL(v)) return mix64(v.type * 31 + AS_BOOL(v));
    return mix64(v.as.bits ^ (v.type << 56));
}

bool asm_constants_identical(Value a, Value b) {
    if (a.type != b.type) return false;
    if (IS_BOOL(a)) return AS_BOOL(a) == AS_BOOL(b);
    if (!IS_OBJ(a)) return a.as.bits == b.as.bits; /* floats by bits: 0.0 and -0.0 differ */
    Obj *x = AS_OBJ(a), *y = AS_OBJ(b);
    if (x == y) return true;
    if (x->type != y->type) return false;
    if (x->type == OBJ_STRING) return string_equal((ObjString *)x, (ObjString *)y);
    if (x->type == OBJ_BIGINT) return bigint_compare(a, b) == 0;
    if (x->type == OBJ_BYTES) {
        const ObjBytes *s = (ObjBytes *)x, *t = (ObjBytes *)y;
        return s->length == t->length && memcmp(s->data, t->data, s->length) == 0;
    }
    if (x->type != OBJ_TUPLE) return false; /* code constants: the same function only */
    ObjTuple *s = (ObjTuple *)x, *t = (ObjTuple *)y;
    if (s->count != t->count) return false;
    for (uint32_t i = 0; i < s->count; i++) {
        if (!asm_constants_identical(s->items[i], t->items[i])) return false;
    }
    return true;
}

/* --- The indexes' equality callbacks (MapEqual) --------------------------------------------------------
 * Constants and strings are the keys themselves. */
static int same_constant(void *context, Value stored, Value key) {
    (void)context;
    return asm_constants_identical(stored, key);
}

static int same_string(void *context, Value stored, Value key) {
    (void)context;
    return string_equal(AS_STRING(stored), AS_STRING(key));
}

/* A label's name points into the source text, so the index's key is the label's position, and the
 * callback compares the label there with the wanted one, [context]. */
typedef struct {
    const Label *labels;
    const Label *wanted;
} LabelProbe;

static int same_label(void *context, Value stored, Value key) {
    (void)key;
    const LabelProbe *probe = context;
    const Label *label = &probe->labels[AS_INT(stored)];
    return label->length == probe->wanted->length && memcmp(label->name, probe->wanted->name, label->length) == 0;
}

/* --- Pools ------------------------------------------------------------------------------------------ */

bool asm_add_constant(Parser *p, Value v, bool dedup, uint32_t *index) {
    Func *f = p->func;
    uint32_t hash = asm_constant_hash(v);
    int64_t found = index_find(&f->const_index, hash, v, same_constant, NULL);
    if (dedup && found >= 0) {
        *index = (uint32_t)found;
        return true;
    }
    *index = f->nconsts;
    if (found < 0 && !index_add(p, &f->const_index, hash, v, f->nconsts)) return false;
    return APPEND(p, f->consts, f->nconsts, f->consts_cap, v);
}

/* Names and locals share the shape: an array of strings plus an index of first occurrences. */
static bool add_string(Parser *p, ObjString ***array, uint32_t *count, uint32_t *capacity, Map *index,
                       ObjString *s, bool dedup, uint32_t *at) {
    int64_t found = index_find(index, string_hash(s), obj_value(&s->obj), same_string, NULL);
    if (dedup && found >= 0) {
        *at = (uint32_t)found;
        return true;
    }
    *at = *count;
    if (found < 0 && !index_add(p, index, string_hash(s), obj_value(&s->obj), *count)) return false;
    if (!asm_reserve(p, (void **)array, capacity, *count, sizeof **array)) return false;
    (*array)[(*count)++] = s;
    return true;
}

bool asm_add_name(Parser *p, ObjString *s, bool dedup, uint32_t *at) {
    Func *f = p->func;
    return add_string(p, &f->names, &f->nnames, &f->names_cap, &f->name_index, s, dedup, at);
}

bool asm_add_local(Parser *p, ObjString *s) {
    Func *f = p->func;
    uint32_t at;
    return add_string(p, &f->locals, &f->nlocals, &f->locals_cap, &f->local_index, s, false, &at);
}

bool asm_find_label(Parser *p, const char *word, uint32_t length, Pos pos, uint32_t *at) {
    Func *f = p->func;
    Label key = {word, length, UNPLACED, pos};
    uint32_t hash = hash_bytes(word, length);
    LabelProbe probe = {f->labels, &key};
    int64_t found = index_find(&f->label_index, hash, undef_value(), same_label, &probe);
    if (found >= 0) {
        *at = (uint32_t)found;
        return true;
    }
    *at = f->nlabels;
    return index_add(p, &f->label_index, hash, int_value(f->nlabels), f->nlabels) &&
           APPEND(p, f->labels, f->nlabels, f->labels_cap, key);
}

int64_t asm_find_local(const Func *f, ObjString *name) {
    return index_find(&f->local_index, string_hash(name), obj_value(&name->obj), same_string, NULL);
}

int64_t asm_find_function(const Parser *p, ObjString *name) {
    return index_find(&p->code_index, string_hash(name), obj_value(&name->obj), same_string, NULL);
}

bool asm_index_function(Parser *p, ObjString *name, uint32_t index) {
    if (asm_find_function(p, name) >= 0) return true; /* @name means the first function of that name */
    return index_add(p, &p->code_index, string_hash(name), obj_value(&name->obj), index);
}
