/* codegen.c: emitting one function's bytecode and turning finished functions into a Program.
 *
 * compiler.c is the only caller. Instructions are encoded as opcodes.h says (one opcode byte, then a
 * 4-byte little-endian operand when the opcode has one). The line table gets an entry only where the line
 * changes. codegen_build_program is the one place that allocates GC objects: it pauses the GC while the
 * code objects are not yet reachable, then lets verify.c compute max_stack and check each function.
 */
#include <stdlib.h>
#include <string.h>

#include "objects/object.h"
#include "bytecode/bytecode.h"
#include "compiler/codegen.h"
#include "bytecode/opcodes.h"
#include "bytecode/verify.h"

/* Grows a malloc'd array of [size]-byte items so that one more fits; false (and fb->failed) on failure. */
static bool reserve(FuncBuilder *fb, void **items, uint32_t count, uint32_t *capacity, size_t size, uint32_t extra) {
    if (fb->failed) return false;
    if (count + extra <= *capacity) return true;
    uint32_t grown = *capacity < 16 ? 16 : *capacity;
    while (grown < count + extra) grown *= 2;
    void *p = realloc(*items, size * grown);
    if (p == NULL) {
        fb->failed = true;
        return false;
    }
    *items = p;
    *capacity = grown;
    return true;
}

void codegen_init(FuncBuilder *fb, const char *name) {
    memset(fb, 0, sizeof *fb);
    fb->name = name;
    fb->reachable = true;
    fb->handler = -1;
}

void codegen_free(FuncBuilder *fb) {
    free(fb->code);
    free(fb->lines);
    free(fb->consts);
    free(fb->handlers);
    free(fb->regions);
    map_free(&fb->const_index);
    nametable_free(&fb->names);
    nametable_free(&fb->locals);
    memset(fb, 0, sizeof *fb);
}

void label_init(Label *label) {
    memset(label, 0, sizeof *label);
    label->offset = -1;
}

void label_free(Label *label) {
    free(label->patches);
    label_init(label);
}

/* --- Instructions ------------------------------------------------------------------------------------- */

static void write_u32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* Records that the instruction about to be written at fb->length comes from [line]. */
static void mark_line(FuncBuilder *fb, uint32_t line) {
    if (fb->nlines > 0 && fb->lines[fb->nlines - 1].line == line) return;
    if (fb->nlines > 0 && fb->lines[fb->nlines - 1].offset == fb->length) {
        fb->lines[fb->nlines - 1].line = line; /* nothing was emitted under the previous line */
        if (fb->nlines > 1 && fb->lines[fb->nlines - 2].line == line) fb->nlines--;
        return;
    }
    if (!reserve(fb, (void **)&fb->lines, fb->nlines, &fb->lines_capacity, sizeof(LineEntry), 1)) return;
    fb->lines[fb->nlines++] = (LineEntry){.offset = fb->length, .line = line};
}

static void note_region(FuncBuilder *fb);

void codegen_emit(FuncBuilder *fb, uint32_t line, int op, uint32_t arg) {
    if (!fb->reachable) return;
    note_region(fb);
    int size = opcode_size(op);
    if (!reserve(fb, (void **)&fb->code, fb->length, &fb->capacity, 1, (uint32_t)size)) return;
    mark_line(fb, line);
    fb->code[fb->length] = (uint8_t)op;
    if (size > 1) write_u32(&fb->code[fb->length + 1], arg);
    fb->length += (uint32_t)size;
    if (opcode_has_flag(op, OPF_TERMINATOR)) fb->reachable = false;
}

void codegen_emit_jump(FuncBuilder *fb, uint32_t line, int op, Label *label) {
    if (!fb->reachable) return;
    if (label->offset >= 0) {
        codegen_emit(fb, line, op, (uint32_t)label->offset);
        return;
    }
    if (!reserve(fb, (void **)&label->patches, label->npatches, &label->capacity, sizeof(uint32_t), 1)) return;
    uint32_t operand = fb->length + 1;
    codegen_emit(fb, line, op, 0);
    if (!fb->failed) label->patches[label->npatches++] = operand;
}

void codegen_bind(FuncBuilder *fb, Label *label) {
    label->offset = fb->length;
    for (uint32_t i = 0; i < label->npatches; i++) write_u32(&fb->code[label->patches[i]], fb->length);
    if (label->npatches > 0) fb->reachable = true; /* some jump lands here */
}

/* --- Exception handlers --------------------------------------------------------------------------------
 * The compiler says which handler covers the code it emits (codegen_set_handler); each emitted
 * instruction whose handler or depth differs from the previous one's starts a region. fill_code turns
 * the regions into the sorted, disjoint exception table the verifier expects. */

struct HandlerRegion {
    uint32_t start;
    int32_t handler; /* -1: none */
    uint32_t depth;
};

int32_t codegen_new_handler(FuncBuilder *fb) {
    if (!reserve(fb, (void **)&fb->handlers, fb->nhandlers, &fb->handlers_capacity, sizeof(int64_t), 1)) return -1;
    fb->handlers[fb->nhandlers] = -1;
    return (int32_t)fb->nhandlers++;
}

void codegen_set_handler(FuncBuilder *fb, int32_t id, uint32_t depth) {
    fb->handler = id;
    fb->handler_depth = depth;
}

void codegen_bind_handler(FuncBuilder *fb, int32_t id) {
    if (id < 0 || fb->failed) return;
    fb->handlers[id] = fb->length;
    fb->reachable = true;
}

static void note_region(FuncBuilder *fb) {
    if (fb->nregions > 0) {
        struct HandlerRegion *last = &fb->regions[fb->nregions - 1];
        if (last->handler == fb->handler && (fb->handler < 0 || last->depth == fb->handler_depth)) return;
        if (last->start == fb->length) fb->nregions--; /* nothing was emitted under it */
    } else if (fb->handler < 0) {
        return;
    }
    if (!reserve(fb, (void **)&fb->regions, fb->nregions, &fb->regions_capacity, sizeof(struct HandlerRegion), 1)) return;
    fb->regions[fb->nregions++] = (struct HandlerRegion){fb->length, fb->handler, fb->handler_depth};
}

/* The exception table of [fb] into [code] (sized exactly, as code_free expects). */
static uint32_t region_end(const FuncBuilder *fb, uint32_t i) {
    return i + 1 < fb->nregions ? fb->regions[i + 1].start : fb->length;
}

static bool fill_exception_table(Vm *vm, ObjCode *code, const FuncBuilder *fb) {
    uint32_t count = 0;
    for (uint32_t i = 0; i < fb->nregions; i++) count += fb->regions[i].handler >= 0 && region_end(fb, i) > fb->regions[i].start;
    if (count == 0) return true;
    if ((code->exc_table = VM_ALLOCATE(vm, ExcEntry, count)) == NULL) return false;
    code->nexc = count;
    uint32_t n = 0;
    for (uint32_t i = 0; i < fb->nregions; i++) {
        const struct HandlerRegion *r = &fb->regions[i];
        if (r->handler < 0 || region_end(fb, i) == r->start) continue;
        code->exc_table[n++] = (ExcEntry){r->start, region_end(fb, i), (uint32_t)fb->handlers[r->handler], r->depth};
    }
    return true;
}

/* --- Name tables -------------------------------------------------------------------------------------
 * A NameTable's map holds each item's position as its key; the equality callback compares the item at
 * that position with the name looked up, which it gets through [context]. */

typedef struct {
    const char *const *items;
    const char *name;
} NameProbe;

static int same_name(void *context, Value stored, Value key) {
    (void)key;
    const NameProbe *probe = context;
    return strcmp(probe->items[AS_INT(stored)], probe->name) == 0;
}

static uint64_t hash_string(const char *s) { return hash_bytes(s, strlen(s)); }

int64_t nametable_find(const NameTable *table, const char *name) {
    NameProbe probe = {table->items, name};
    uint32_t entry;
    if (map_find(&table->index, hash_string(name), undef_value(), same_name, &probe, &entry) != 1) return -1;
    return AS_INT(map_entry(&table->index, entry)->key);
}

int64_t nametable_add(NameTable *table, const char *name) {
    int64_t found = nametable_find(table, name);
    if (found >= 0) return found;
    if (table->count == table->capacity) {
        uint32_t capacity = table->capacity < 8 ? 8 : table->capacity * 2;
        const char **items = realloc(table->items, sizeof(char *) * capacity);
        if (items == NULL) return -1;
        table->items = items;
        table->capacity = capacity;
    }
    if (!map_add(&table->index, hash_string(name), int_value(table->count), none_value(), NULL)) return -1;
    table->items[table->count++] = name;
    return table->count - 1;
}

void nametable_free(NameTable *table) {
    free(table->items);
    map_free(&table->index);
    memset(table, 0, sizeof *table);
}

/* --- Constants, names and locals ---------------------------------------------------------------------- */

static uint64_t hash_const(const ConstEntry *e) {
    uint64_t bits = 0;
    switch (e->kind) {
    case CONST_INT: bits = (uint64_t)e->i; break;
    case CONST_FLOAT: memcpy(&bits, &e->f, sizeof bits); break;
    case CONST_STR: case CONST_BIGINT: case CONST_BYTES: return hash_bytes(e->s, e->length) ^ (uint32_t)e->kind;
    case CONST_CODE: bits = e->code_index; break;
    default: break;
    }
    return (uint32_t)(bits ^ bits >> 32) * 2654435761u ^ (uint32_t)e->kind;
}

static bool same_const(const ConstEntry *a, const ConstEntry *b) {
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case CONST_INT: return a->i == b->i;
    case CONST_FLOAT: return memcmp(&a->f, &b->f, sizeof(double)) == 0; /* keeps 0.0 and -0.0 apart */
    case CONST_STR: case CONST_BIGINT: case CONST_BYTES: return a->length == b->length && memcmp(a->s, b->s, a->length) == 0;
    case CONST_CODE: return a->code_index == b->code_index;
    case CONST_TUPLE: return false; /* only keyword-name tuples, one per call: not worth comparing */
    default: return true; /* None, False, True, Ellipsis */
    }
}

/* The const_index callback: [context] holds the pool and the constant looked up, as NameProbe does. */
typedef struct {
    const ConstEntry *consts;
    const ConstEntry *entry;
} ConstProbe;

static int same_const_at(void *context, Value stored, Value key) {
    (void)key;
    const ConstProbe *probe = context;
    return same_const(&probe->consts[AS_INT(stored)], probe->entry);
}

uint32_t codegen_const(FuncBuilder *fb, const ConstEntry *entry) {
    uint64_t hash = hash_const(entry);
    ConstProbe probe = {fb->consts, entry};
    uint32_t found;
    if (map_find(&fb->const_index, hash, undef_value(), same_const_at, &probe, &found) == 1) {
        return (uint32_t)AS_INT(map_entry(&fb->const_index, found)->key);
    }
    if (!reserve(fb, (void **)&fb->consts, fb->nconsts, &fb->consts_capacity, sizeof(ConstEntry), 1)) return 0;
    fb->consts[fb->nconsts++] = *entry;
    if (!map_add(&fb->const_index, hash, int_value(fb->nconsts - 1), none_value(), NULL)) fb->failed = true;
    return fb->nconsts - 1;
}

/* Index of [name] in [table], adding it when new (0 and fb->failed when memory runs out). */
static uint32_t intern(FuncBuilder *fb, NameTable *table, const char *name) {
    int64_t index = nametable_add(table, name);
    if (index >= 0) return (uint32_t)index;
    fb->failed = true;
    return 0;
}

uint32_t codegen_name(FuncBuilder *fb, const char *name) { return intern(fb, &fb->names, name); }

int64_t codegen_find_local(const FuncBuilder *fb, const char *name) { return nametable_find(&fb->locals, name); }

uint32_t codegen_add_local(FuncBuilder *fb, const char *name) { return intern(fb, &fb->locals, name); }

/* --- Building the Program ----------------------------------------------------------------------------- */

/* The Value of constant [entry]; codes[] holds the program's code objects. false on out-of-memory. */
static bool make_const(Vm *vm, const ConstEntry *entry, ObjCode **codes, Value *out) {
    switch (entry->kind) {
    case CONST_NONE: *out = none_value(); return true;
    case CONST_FALSE: *out = bool_value(false); return true;
    case CONST_TRUE: *out = bool_value(true); return true;
    case CONST_ELLIPSIS: *out = obj_value(vm->ellipsis); return true;
    case CONST_INT: *out = int_value(entry->i); return true;
    case CONST_FLOAT: *out = float_value(entry->f); return true;
    case CONST_CODE: *out = obj_value(&codes[entry->code_index]->obj); return true;
    case CONST_BIGINT: return bigint_parse_literal(vm, entry->s, entry->length, out); /* its source text */
    case CONST_STR: {
        ObjString *s = string_copy(vm, entry->s, entry->length);
        if (s == NULL) return false;
        *out = obj_value(&s->obj);
        return true;
    }
    case CONST_BYTES: {
        ObjBytes *b = bytes_copy(vm, entry->s, entry->length);
        if (b == NULL) return false;
        *out = obj_value(&b->obj);
        return true;
    }
    default: {
        ObjTuple *tuple = tuple_new(vm, entry->length);
        if (tuple == NULL) return false;
        for (uint32_t i = 0; i < entry->length; i++) {
            ObjString *s = string_from_cstr(vm, entry->strings[i]);
            if (s == NULL) return false;
            tuple->items[i] = obj_value(&s->obj);
        }
        *out = obj_value(&tuple->obj);
        return true;
    }
    }
}

/* Fills [code] from [fb]. The arrays are sized exactly, as objects/code.c's code_free expects. */
static bool fill_code(Vm *vm, ObjCode *code, const FuncBuilder *fb, ObjCode **codes) {
    if ((code->name = string_from_cstr(vm, fb->name)) == NULL) return false;
    code->nparams = fb->nparams;
    code->ndefaults = fb->ndefaults;
    code->nposonly = fb->nposonly;
    code->nkwonly = fb->nkwonly;
    code->flags = fb->flags | (fb->is_generator ? CODE_GENERATOR : 0);
    code_finish_params(code);
    uint32_t nlocals = fb->locals.count, nnames = fb->names.count;
    if (nlocals > 0) {
        if ((code->local_names = VM_ALLOCATE(vm, ObjString *, nlocals)) == NULL) return false;
        code->nlocals = nlocals;
        memset(code->local_names, 0, sizeof(ObjString *) * nlocals);
        for (uint32_t i = 0; i < nlocals; i++) {
            if ((code->local_names[i] = string_from_cstr(vm, fb->locals.items[i])) == NULL) return false;
        }
    }
    if (fb->nconsts > 0) {
        if ((code->consts = VM_ALLOCATE(vm, Value, fb->nconsts)) == NULL) return false;
        code->nconsts = fb->nconsts;
        for (uint32_t i = 0; i < fb->nconsts; i++) code->consts[i] = none_value();
        for (uint32_t i = 0; i < fb->nconsts; i++) {
            if (!make_const(vm, &fb->consts[i], codes, &code->consts[i])) return false;
        }
    }
    if (nnames > 0) {
        if ((code->names = VM_ALLOCATE(vm, ObjString *, nnames)) == NULL) return false;
        code->nnames = nnames;
        memset(code->names, 0, sizeof(ObjString *) * nnames);
        for (uint32_t i = 0; i < nnames; i++) {
            if ((code->names[i] = string_from_cstr(vm, fb->names.items[i])) == NULL) return false;
        }
    }
    if ((code->code = VM_ALLOCATE(vm, uint8_t, (size_t)fb->length + 4)) == NULL) return false;
    code->code_length = fb->length;
    memcpy(code->code, fb->code, fb->length);
    memset(code->code + fb->length, 0, 4); /* the padding opcodes.h promises */
    if (fb->nlines > 0) {
        if ((code->lines = VM_ALLOCATE(vm, LineEntry, fb->nlines)) == NULL) return false;
        code->nlines = fb->nlines;
        memcpy(code->lines, fb->lines, sizeof(LineEntry) * fb->nlines);
    }
    return fill_exception_table(vm, code, fb);
}

/* Creates and fills every code object, computing each max_stack; false with [error] set. */
static bool build_codes(Vm *vm, Program *program, FuncBuilder **funcs, char *error, size_t error_size) {
    for (uint32_t i = 0; i < program->count; i++) {
        if ((program->codes[i] = code_new(vm)) == NULL) goto out_of_memory;
        program->codes[i]->index = i;
        program->codes[i]->source = program->source;
    }
    for (uint32_t i = 0; i < program->count; i++) {
        ObjCode *code = program->codes[i];
        if (funcs[i]->failed || !fill_code(vm, code, funcs[i], program->codes)) goto out_of_memory;
        char why[256];
        if (!verify_compute_max_stack(program, code, &code->max_stack, why, sizeof why)) {
            snprintf(error, error_size, "%s: error: internal compiler error: %s", program->source->chars, why);
            return false;
        }
    }
    char why[256];
    if (!verify_program(program, why, sizeof why)) {
        snprintf(error, error_size, "%s: error: internal compiler error: %s", program->source->chars, why);
        return false;
    }
    return true;
out_of_memory:
    snprintf(error, error_size, "%s: error: out of memory while compiling", program->source->chars);
    return false;
}

Program *codegen_build_program(Vm *vm, FuncBuilder **funcs, uint32_t count, const char *filename, char *error,
                               size_t error_size) {
    /* Nothing built here is reachable from a root until the program is linked, so no collection may run. */
    vm->gc_paused++;
    ObjString *source = string_from_cstr(vm, filename);
    Program *program = source == NULL ? NULL : program_new(vm, source, count);
    if (program == NULL) {
        snprintf(error, error_size, "%s: error: out of memory while compiling", filename);
    } else if (!build_codes(vm, program, funcs, error, error_size)) {
        program_free(vm, program);
        program = NULL;
    }
    vm->gc_paused--;
    if (program == NULL) vm_clear_error(vm); /* a MemoryError from the allocator was reported above */
    return program;
}
