/* bytecode.c: reads and writes .cpb bytecode files (the format is specified in bytecode.h).
 *
 * main.c calls bytecode_read_file_bytes and bytecode_read for `cpvm run prog.cpb`, and bytecode_write_file
 * for `cpvm compile`. The reader trusts nothing: every count and length is checked against the bytes that
 * remain before anything is allocated, so a forged u32 of 4 billion in a 100-byte file fails at once.
 * A Program leaves bytecode_read only after verify.c has accepted every function. The writer emits the
 * one canonical encoding, so reading a file and writing it back gives the identical bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "objects/object.h"
#include "core/unicode.h"
#include "bytecode/bytecode.h"
#include "bytecode/opcodes.h"
#include "bytecode/verify.h"
#include "bytecode/walk.h"

/* Constant tuples may nest this deep; the reader recurses once per level, so the bound keeps a forged
 * file from exhausting the C stack. */
#define MAX_TUPLE_DEPTH 8

/* The fewest bytes a function can take: empty name (4), nparams, ndefaults, nposonly, nkwonly, flags,
 * nlocals (24), max_stack (4), nconsts (4), nnames (4), code_length (4), one code byte (1), nlines (4),
 * nexc (4). Bounds function_count. */
#define MIN_FUNCTION_BYTES 53

/* --- Reading ------------------------------------------------------------------------------------------ */

typedef struct {
    Vm *vm;
    const uint8_t *data;
    size_t size;
    size_t pos; /* next byte to read */
    char *error;
    size_t error_size;
    Program *program;
    ObjCode *function; /* the function being read, or NULL while reading the header */
} Reader;

/* Writes "invalid bytecode: WHAT (function F, offset N)" and returns false. F is the function's name
 * once it has been read, else its index; N is a byte offset in the file. */
static bool fail_at(Reader *r, size_t offset, const char *format, ...) __attribute__((format(printf, 3, 4)));
static bool fail_at(Reader *r, size_t offset, const char *format, ...) {
    char what[256];
    va_list args;
    va_start(args, format);
    vsnprintf(what, sizeof what, format, args);
    va_end(args);
    ObjCode *f = r->function;
    if (f == NULL) {
        snprintf(r->error, r->error_size, "invalid bytecode: %s (offset %zu)", what, offset);
    } else if (f->name != NULL) {
        snprintf(r->error, r->error_size, "invalid bytecode: %s (function %s, offset %zu)", what, f->name->chars,
                 offset);
    } else {
        snprintf(r->error, r->error_size, "invalid bytecode: %s (function %u, offset %zu)", what, f->index, offset);
    }
    return false;
}

static size_t remaining(const Reader *r) { return r->size - r->pos; }

/* Fails unless [n] more bytes remain for [what]. */
static bool need(Reader *r, uint64_t n, const char *what) {
    if (n > remaining(r)) return fail_at(r, r->pos, "unexpected end of file in %s", what);
    return true;
}

static bool read_u32(Reader *r, const char *what, uint32_t *out) {
    if (!need(r, 4, what)) return false;
    *out = bytecode_u32_le(r->data + r->pos);
    r->pos += 4;
    return true;
}

static bool read_u64(Reader *r, const char *what, uint64_t *out) {
    if (!need(r, 8, what)) return false;
    *out = (uint64_t)bytecode_u32_le(r->data + r->pos) | (uint64_t)bytecode_u32_le(r->data + r->pos + 4) << 32;
    r->pos += 8;
    return true;
}

/* Reads a count of items that take at least [item_size] bytes each, and fails before any allocation
 * when the rest of the file could not hold them. */
static bool read_count(Reader *r, const char *what, uint64_t item_size, uint32_t *out) {
    size_t at = r->pos;
    if (!read_u32(r, what, out)) return false;
    if ((uint64_t)*out * item_size > remaining(r))
        return fail_at(r, at, "%s %u exceeds the %zu bytes left in the file", what, *out, remaining(r));
    return true;
}

static bool out_of_memory(Reader *r) {
    vm_clear_error(r->vm);
    return fail_at(r, r->pos, "out of memory");
}

/* str := u32 length, then that many bytes of UTF-8. */
static bool read_string(Reader *r, const char *what, ObjString **out) {
    uint32_t length;
    if (!read_count(r, what, 1, &length)) return false;
    const char *chars = (const char *)r->data + r->pos;
    if (!utf8_is_valid(chars, length, NULL)) return fail_at(r, r->pos, "invalid UTF-8 in %s", what);
    *out = string_copy(r->vm, chars, length);
    if (*out == NULL) return out_of_memory(r);
    r->pos += length;
    return true;
}

/* BIGINT := u8 sign | u32 limb count | u64 limbs, in the one canonical form (bytecode.h). */
static bool read_bigint(Reader *r, size_t at, Value *out) {
    if (!need(r, 1, "big int constant")) return false;
    uint8_t sign = r->data[r->pos++];
    if (sign > 1) return fail_at(r, at, "big int constant has sign byte %u (expected 0 or 1)", sign);
    uint32_t count;
    if (!read_count(r, "big int limb count", 8, &count)) return false;
    if (count == 0) return fail_at(r, at, "big int constant has no limbs");
    if (count > CPVM_MAX_BIGINT_LIMBS)
        return fail_at(r, at, "big int constant of %u limbs exceeds the limit of %u", count, CPVM_MAX_BIGINT_LIMBS);
    uint64_t *limbs = VM_ALLOCATE(r->vm, uint64_t, count);
    if (limbs == NULL) return out_of_memory(r);
    for (uint32_t i = 0; i < count; i++) read_u64(r, "big int limb", &limbs[i]); /* read_count checked the bytes */
    bool fits = count == 1 && limbs[0] <= (sign ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX);
    bool ok = false;
    if (limbs[count - 1] == 0) fail_at(r, at, "big int constant is not canonical: its top limb is zero");
    else if (fits) fail_at(r, at, "big int constant fits in int64 (an int constant must hold it)");
    else ok = bigint_from_limbs(r->vm, limbs, count, sign == 1, out) || out_of_memory(r);
    VM_FREE_ARRAY(r->vm, uint64_t, limbs, count);
    return ok;
}

/* const := u8 tag, then its payload. A tuple's items are read at [depth] + 1. */
static bool read_const(Reader *r, int depth, Value *out) {
    size_t at = r->pos;
    if (!need(r, 1, "constant tag")) return false;
    uint8_t tag = r->data[r->pos++];
    switch (tag) {
    case CONST_NONE: *out = none_value(); return true;
    case CONST_FALSE: *out = bool_value(false); return true;
    case CONST_TRUE: *out = bool_value(true); return true;
    case CONST_ELLIPSIS: *out = obj_value(r->vm->ellipsis); return true;
    case CONST_INT: {
        uint64_t bits;
        if (!read_u64(r, "int constant", &bits)) return false;
        *out = int_value((int64_t)bits);
        return true;
    }
    case CONST_FLOAT: {
        uint64_t bits;
        if (!read_u64(r, "float constant", &bits)) return false;
        *out = (Value){.type = VAL_FLOAT, .as.bits = bits}; /* every bit pattern, NaNs included, round-trips */
        return true;
    }
    case CONST_STR: {
        ObjString *s;
        if (!read_string(r, "string constant", &s)) return false;
        *out = obj_value(&s->obj);
        return true;
    }
    case CONST_BYTES: {
        uint32_t length;
        if (!read_count(r, "bytes constant", 1, &length)) return false;
        ObjBytes *b = bytes_copy(r->vm, (const char *)r->data + r->pos, length);
        if (b == NULL) return out_of_memory(r);
        r->pos += length;
        *out = obj_value(&b->obj);
        return true;
    }
    case CONST_CODE: {
        uint32_t index;
        if (!read_u32(r, "code constant", &index)) return false;
        if (index >= r->program->count)
            return fail_at(r, at, "code constant refers to function %u of %u", index, r->program->count);
        if (index == 0) return fail_at(r, at, "code constant refers to the module body");
        *out = obj_value(&r->program->codes[index]->obj);
        return true;
    }
    case CONST_TUPLE: {
        if (depth >= MAX_TUPLE_DEPTH) return fail_at(r, at, "constant tuples nested deeper than %d", MAX_TUPLE_DEPTH);
        uint32_t count;
        if (!read_count(r, "tuple length", 1, &count)) return false;
        ObjTuple *tuple = tuple_new(r->vm, count);
        if (tuple == NULL) return out_of_memory(r);
        for (uint32_t i = 0; i < count; i++) {
            if (!read_const(r, depth + 1, &tuple->items[i])) return false;
        }
        *out = obj_value(&tuple->obj);
        return true;
    }
    case CONST_BIGINT: return read_bigint(r, at, out);
    default: return fail_at(r, at, "unknown constant tag %u", tag);
    }
}

/* The arrays of a function are attached as soon as they are allocated, with their counts, so that
 * object_free can release a half-read function after a failure. */
static bool read_locals(Reader *r, ObjCode *f) {
    size_t at = r->pos;
    uint32_t nlocals;
    if (!read_count(r, "nlocals", 4, &nlocals)) return false;
    if (nlocals > CPVM_MAX_LOCALS) return fail_at(r, at, "nlocals %u exceeds the limit %u", nlocals, CPVM_MAX_LOCALS);
    if (f->nparams > nlocals) return fail_at(r, at, "nparams %u exceeds nlocals %u", f->nparams, nlocals);
    if (f->nparam_slots > nlocals) return fail_at(r, at, "the parameters need %u locals, more than nlocals %u", f->nparam_slots, nlocals);
    if (nlocals > 0) {
        f->local_names = VM_ALLOCATE(r->vm, ObjString *, nlocals);
        if (f->local_names == NULL) return out_of_memory(r);
        memset(f->local_names, 0, sizeof(ObjString *) * nlocals);
        f->nlocals = nlocals;
    }
    for (uint32_t i = 0; i < nlocals; i++) {
        if (!read_string(r, "local name", &f->local_names[i])) return false;
    }
    return true;
}

static bool read_consts(Reader *r, ObjCode *f) {
    uint32_t nconsts;
    if (!read_count(r, "nconsts", 1, &nconsts)) return false;
    if (nconsts > 0) {
        f->consts = VM_ALLOCATE(r->vm, Value, nconsts);
        if (f->consts == NULL) return out_of_memory(r);
        memset(f->consts, 0, sizeof(Value) * nconsts);
        f->nconsts = nconsts;
    }
    for (uint32_t i = 0; i < nconsts; i++) {
        if (!read_const(r, 0, &f->consts[i])) return false;
    }
    return true;
}

/* global_slots stays NULL: vm_link allocates and fills it when the program is linked. */
static bool read_names(Reader *r, ObjCode *f) {
    uint32_t nnames;
    if (!read_count(r, "nnames", 4, &nnames)) return false;
    if (nnames > 0) {
        f->names = VM_ALLOCATE(r->vm, ObjString *, nnames);
        if (f->names == NULL) return out_of_memory(r);
        memset(f->names, 0, sizeof(ObjString *) * nnames);
        f->nnames = nnames;
    }
    for (uint32_t i = 0; i < nnames; i++) {
        if (!read_string(r, "name", &f->names[i])) return false;
    }
    return true;
}

static bool read_code(Reader *r, ObjCode *f) {
    size_t at = r->pos;
    uint32_t length;
    if (!read_count(r, "code length", 1, &length)) return false;
    if (length == 0) return fail_at(r, at, "empty code");
    if (length > CPVM_MAX_CODE_BYTES)
        return fail_at(r, at, "code length %u exceeds the limit %u", length, CPVM_MAX_CODE_BYTES);
    /* 4 zero bytes follow the code so a decoder may fetch a whole operand word at any offset. */
    f->code = VM_ALLOCATE(r->vm, uint8_t, (size_t)length + 4);
    if (f->code == NULL) return out_of_memory(r);
    memcpy(f->code, r->data + r->pos, length);
    memset(f->code + length, 0, 4);
    f->code_length = length;
    r->pos += length;
    return true;
}

/* The line table must be canonical (one way to write it): offsets strictly increasing, the first at 0,
 * each on an instruction boundary, and consecutive entries on different lines. Boundaries are found by
 * a lenient walk (an unknown opcode counts as one byte); verify.c rejects such code right after. */
static bool read_lines(Reader *r, ObjCode *f) {
    uint32_t nlines;
    if (!read_count(r, "nlines", 8, &nlines)) return false;
    if (nlines == 0) return true;
    f->lines = VM_ALLOCATE(r->vm, LineEntry, nlines);
    if (f->lines == NULL) return out_of_memory(r);
    f->nlines = nlines;
    uint32_t boundary = 0; /* the first instruction boundary not before the current entry's offset */
    for (uint32_t i = 0; i < nlines; i++) {
        size_t at = r->pos;
        LineEntry e = {bytecode_u32_le(r->data + r->pos), bytecode_u32_le(r->data + r->pos + 4)};
        r->pos += 8;
        f->lines[i] = e;
        if (i == 0 && e.offset != 0) return fail_at(r, at, "line table does not start at offset 0");
        if (i > 0 && e.offset <= f->lines[i - 1].offset)
            return fail_at(r, at, "line table offset %u is not after %u", e.offset, f->lines[i - 1].offset);
        if (i > 0 && e.line == f->lines[i - 1].line)
            return fail_at(r, at, "line table repeats line %u at offset %u", e.line, e.offset);
        if (e.offset >= f->code_length)
            return fail_at(r, at, "line table offset %u past the end of the code", e.offset);
        while (boundary < e.offset) boundary = bytecode_decode(f->code, f->code_length, boundary).next;
        if (boundary != e.offset)
            return fail_at(r, at, "line table offset %u is not an instruction boundary", e.offset);
    }
    return true;
}

/* The exception table: read as written; verify.c checks the ranges, handlers and depths against the code
 * (it needs the instruction boundaries and the stack analysis anyway). */
static bool read_exception_table(Reader *r, ObjCode *f) {
    uint32_t nexc;
    if (!read_count(r, "nexc", 16, &nexc)) return false;
    if (nexc == 0) return true;
    f->exc_table = VM_ALLOCATE(r->vm, ExcEntry, nexc);
    if (f->exc_table == NULL) return out_of_memory(r);
    f->nexc = nexc;
    for (uint32_t i = 0; i < nexc; i++) {
        const uint8_t *p = r->data + r->pos;
        f->exc_table[i] = (ExcEntry){bytecode_u32_le(p), bytecode_u32_le(p + 4), bytecode_u32_le(p + 8),
                                     bytecode_u32_le(p + 12)};
        r->pos += 16;
    }
    return true;
}

/* function := str name | u32 nparams | u32 ndefaults | u32 nposonly | u32 nkwonly | u32 flags | u32 nlocals | str local_name * nlocals | u32 max_stack
 *             | u32 nconsts | const * nconsts | u32 nnames | str name * nnames | u32 code_length | code
 *             | u32 nlines | (u32 offset, u32 line) * nlines
 *             | u32 nexc | (u32 start, u32 end, u32 handler, u32 depth) * nexc */
static bool read_function(Reader *r, ObjCode *f) {
    r->function = f;
    if (!read_string(r, "function name", &f->name)) return false;
    size_t at = r->pos;
    if (!read_u32(r, "nparams", &f->nparams) || !read_u32(r, "ndefaults", &f->ndefaults)) return false;
    if (f->ndefaults > f->nparams) return fail_at(r, at, "ndefaults %u exceeds nparams %u", f->ndefaults, f->nparams);
    at = r->pos;
    if (!read_u32(r, "nposonly", &f->nposonly) || !read_u32(r, "nkwonly", &f->nkwonly) || !read_u32(r, "flags", &f->flags))
        return false;
    if (f->nposonly > f->nparams) return fail_at(r, at, "nposonly %u exceeds nparams %u", f->nposonly, f->nparams);
    if (f->flags & ~(uint32_t)CODE_FLAGS_ALL) return fail_at(r, at + 8, "unknown function flags 0x%x", f->flags);
    if (f->nkwonly > CPVM_MAX_LOCALS) return fail_at(r, at + 4, "nkwonly %u exceeds the limit %u", f->nkwonly, CPVM_MAX_LOCALS);
    code_finish_params(f);
    if (!read_locals(r, f)) return false;
    at = r->pos;
    if (!read_u32(r, "max_stack", &f->max_stack)) return false;
    if (f->max_stack > CPVM_STACK_VALUES) return fail_at(r, at, "max_stack %u exceeds the VM stack", f->max_stack);
    return read_consts(r, f) && read_names(r, f) && read_code(r, f) && read_lines(r, f) &&
           read_exception_table(r, f);
}

/* file := magic | u16 version | u16 flags | str source | u32 function_count | function* */
static bool read_header(Reader *r, uint32_t *count) {
    if (!need(r, 8, "header")) return false;
    if (memcmp(r->data, CPVM_MAGIC, 4) != 0) return fail_at(r, 0, "not a cpvm bytecode file (bad magic)");
    unsigned version = r->data[4] | r->data[5] << 8;
    unsigned flags = r->data[6] | r->data[7] << 8;
    if (version != CPVM_FORMAT_VERSION)
        return fail_at(r, 4, "unsupported format version %u (expected %u)", version, CPVM_FORMAT_VERSION);
    if (flags != 0) return fail_at(r, 6, "unknown flags 0x%x", flags);
    r->pos = 8;
    ObjString *source;
    if (!read_string(r, "source name", &source)) return false;
    size_t at = r->pos;
    if (!read_count(r, "function count", MIN_FUNCTION_BYTES, count)) return false;
    if (*count == 0) return fail_at(r, at, "no module body (function count is 0)");
    r->program = program_new(r->vm, source, *count);
    if (r->program == NULL) return out_of_memory(r);
    /* Every code object exists before any is read, so a CODE constant can name a later function. */
    for (uint32_t i = 0; i < *count; i++) {
        ObjCode *f = code_new(r->vm);
        if (f == NULL) return out_of_memory(r);
        f->index = i;
        f->source = source;
        r->program->codes[i] = f;
    }
    return true;
}

static bool read_program(Reader *r) {
    uint32_t count = 0; /* set by read_header; initialised because GCC cannot see that through the inlining */
    if (!read_header(r, &count)) return false;
    for (uint32_t i = 0; i < count; i++) {
        if (!read_function(r, r->program->codes[i])) return false;
    }
    r->function = NULL;
    if (r->pos != r->size) return fail_at(r, r->pos, "%zu trailing bytes after the last function", remaining(r));
    char what[400];
    if (!verify_program(r->program, what, sizeof what)) {
        snprintf(r->error, r->error_size, "invalid bytecode: %s", what);
        return false;
    }
    return true;
}

Program *bytecode_read(Vm *vm, const uint8_t *data, size_t size, const char *filename, char *error,
                       size_t error_size) {
    (void)filename; /* the caller prefixes it; the file records its own source name */
    Reader r = {.vm = vm, .data = data, .size = size, .error = error, .error_size = error_size};
    /* Nothing built here is reachable from a root until it is complete, so the GC must wait. */
    vm->gc_paused++;
    bool ok = read_program(&r);
    if (!ok && r.program != NULL) {
        program_free(vm, r.program); /* its code objects become garbage for the next collection */
        r.program = NULL;
    }
    vm->gc_paused--;
    return r.program;
}

/* --- Writing ------------------------------------------------------------------------------------------ */

typedef struct {
    uint8_t *data;
    size_t size, capacity;
    bool failed; /* a growth failed; everything after is dropped */
    const Program *program;
} Writer;

static void put_bytes(Writer *w, const void *bytes, size_t n) {
    if (w->failed) return;
    if (w->capacity - w->size < n) {
        size_t capacity = w->capacity < 256 ? 256 : w->capacity;
        while (capacity - w->size < n) capacity *= 2;
        uint8_t *data = realloc(w->data, capacity);
        if (data == NULL) {
            w->failed = true;
            return;
        }
        w->data = data;
        w->capacity = capacity;
    }
    memcpy(w->data + w->size, bytes, n);
    w->size += n;
}

static void put_u8(Writer *w, uint8_t v) { put_bytes(w, &v, 1); }

static void put_u32(Writer *w, uint32_t v) {
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put_bytes(w, b, 4);
}

static void put_u64(Writer *w, uint64_t v) {
    put_u32(w, (uint32_t)v);
    put_u32(w, (uint32_t)(v >> 32));
}

static void put_string(Writer *w, const ObjString *s) {
    if (s == NULL) {
        put_u32(w, 0);
        return;
    }
    put_u32(w, s->length);
    put_bytes(w, s->chars, s->length);
}

/* The file stores a nested function by its index in the program. */
static uint32_t function_index(const Program *program, const ObjCode *code) {
    if (code->index < program->count && program->codes[code->index] == code) return code->index;
    for (uint32_t i = 0; i < program->count; i++) {
        if (program->codes[i] == code) return i;
    }
    return UINT32_MAX; /* not in this program: the reader will reject the file */
}

static void put_const(Writer *w, Value v) {
    switch (v.type) {
    case VAL_NONE: put_u8(w, CONST_NONE); return;
    case VAL_BOOL: put_u8(w, AS_BOOL(v) ? CONST_TRUE : CONST_FALSE); return;
    case VAL_INT:
        put_u8(w, CONST_INT);
        put_u64(w, (uint64_t)AS_INT(v));
        return;
    case VAL_FLOAT:
        put_u8(w, CONST_FLOAT);
        put_u64(w, v.as.bits);
        return;
    default: break;
    }
    if (is_obj_type(v, OBJ_ELLIPSIS)) {
        put_u8(w, CONST_ELLIPSIS);
    } else if (IS_STRING(v)) {
        put_u8(w, CONST_STR);
        put_string(w, AS_STRING(v));
    } else if (IS_BYTES(v)) {
        put_u8(w, CONST_BYTES);
        put_u32(w, AS_BYTES(v)->length);
        put_bytes(w, AS_BYTES(v)->data, AS_BYTES(v)->length);
    } else if (IS_CODE(v)) {
        put_u8(w, CONST_CODE);
        put_u32(w, function_index(w->program, AS_CODE(v)));
    } else if (IS_BIGINT(v)) {
        const ObjBigInt *big = AS_BIGINT(v);
        uint32_t count = (uint32_t)(big->size < 0 ? -big->size : big->size);
        put_u8(w, CONST_BIGINT);
        put_u8(w, big->size < 0);
        put_u32(w, count);
        for (uint32_t i = 0; i < count; i++) put_u64(w, big->limbs[i]);
    } else if (IS_TUPLE(v)) {
        ObjTuple *t = AS_TUPLE(v);
        put_u8(w, CONST_TUPLE);
        put_u32(w, t->count);
        for (uint32_t i = 0; i < t->count; i++) put_const(w, t->items[i]);
    } else {
        w->failed = true; /* no encoding: compilers only make the constant types above */
    }
}

static void put_function(Writer *w, const ObjCode *f) {
    put_string(w, f->name);
    put_u32(w, f->nparams);
    put_u32(w, f->ndefaults);
    put_u32(w, f->nposonly);
    put_u32(w, f->nkwonly);
    put_u32(w, f->flags);
    put_u32(w, f->nlocals);
    for (uint32_t i = 0; i < f->nlocals; i++) put_string(w, f->local_names != NULL ? f->local_names[i] : NULL);
    put_u32(w, f->max_stack);
    put_u32(w, f->nconsts);
    for (uint32_t i = 0; i < f->nconsts; i++) put_const(w, f->consts[i]);
    put_u32(w, f->nnames);
    for (uint32_t i = 0; i < f->nnames; i++) put_string(w, f->names[i]);
    put_u32(w, f->code_length);
    put_bytes(w, f->code, f->code_length);
    put_u32(w, f->nlines);
    for (uint32_t i = 0; i < f->nlines; i++) {
        put_u32(w, f->lines[i].offset);
        put_u32(w, f->lines[i].line);
    }
    put_u32(w, f->nexc);
    for (uint32_t i = 0; i < f->nexc; i++) {
        put_u32(w, f->exc_table[i].start);
        put_u32(w, f->exc_table[i].end);
        put_u32(w, f->exc_table[i].target);
        put_u32(w, f->exc_table[i].depth);
    }
}

uint8_t *bytecode_write(const Program *program, size_t *size) {
    Writer w = {.program = program};
    put_bytes(&w, CPVM_MAGIC, 4);
    uint8_t version_and_flags[4] = {CPVM_FORMAT_VERSION & 0xff, CPVM_FORMAT_VERSION >> 8, 0, 0};
    put_bytes(&w, version_and_flags, 4);
    put_string(&w, program->source);
    put_u32(&w, program->count);
    for (uint32_t i = 0; i < program->count; i++) put_function(&w, program->codes[i]);
    if (w.failed) {
        free(w.data);
        return NULL;
    }
    *size = w.size;
    return w.data;
}

/* --- Files -------------------------------------------------------------------------------------------- */

uint8_t *bytecode_read_file_bytes(const char *path, size_t *size, char *error, size_t error_size) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(error, error_size, "%s", strerror(errno));
        return NULL;
    }
    struct stat st;
    size_t capacity = 4096;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) capacity = (size_t)st.st_size + 1;
    uint8_t *data = malloc(capacity);
    size_t length = 0;
    while (data != NULL) {
        if (length == capacity) {
            uint8_t *bigger = realloc(data, capacity * 2); /* the file grew, or is a pipe */
            if (bigger == NULL) break;
            data = bigger;
            capacity *= 2;
        }
        ssize_t n = read(fd, data + length, capacity - length);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            snprintf(error, error_size, "%s", strerror(errno));
            free(data);
            close(fd);
            return NULL;
        }
        if (n == 0) {
            close(fd);
            *size = length;
            return data;
        }
        length += (size_t)n;
    }
    free(data);
    close(fd);
    snprintf(error, error_size, "out of memory reading the file");
    return NULL;
}

bool bytecode_write_file(const Program *program, const char *path, char *error, size_t error_size) {
    size_t size;
    uint8_t *data = bytecode_write(program, &size);
    if (data == NULL) {
        snprintf(error, error_size, "out of memory writing bytecode");
        return false;
    }
    FILE *out = fopen(path, "wb");
    if (out == NULL) {
        snprintf(error, error_size, "%s", strerror(errno));
        free(data);
        return false;
    }
    bool ok = fwrite(data, 1, size, out) == size;
    int saved = errno;
    if (fclose(out) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) snprintf(error, error_size, "%s", strerror(saved));
    free(data);
    return ok;
}
