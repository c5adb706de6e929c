/* str.c: Python's str: immutable UTF-8 text, its constructors and its slots.
 *
 * A str never changes after it is made, so string_copy hands out one shared object for each
 * one-character ASCII str (vm->single_chars). Indices count code points; an ASCII str (length ==
 * char_count) indexes in O(1), others walk from the nearer end. repr follows CPython 3.11 byte for byte.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "core/gc.h"
#include "core/vm.h"
#include "core/unicode.h"
#include "objects/object.h"
#include "unicode_tables.h"

/* --- Constructors -------------------------------------------------------------------------------------- */

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

ObjString *string_uninitialised(Vm *vm, size_t length, uint32_t char_count) {
    return string_allocate(vm, length, char_count);
}

ObjString *string_copy_counted(Vm *vm, const char *chars, size_t length, uint32_t char_count) {
    if (char_count == UINT32_MAX || length <= 1) return string_copy(vm, chars, length);
    ObjString *string = string_allocate(vm, length, char_count);
    if (string != NULL) memcpy(string->chars, chars, length);
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

/* --- Code points ---------------------------------------------------------------------------------------- */

/* Byte offset of code point [index] (0 <= index <= char_count) of [s]: O(1) for ASCII, else a walk from
 * whichever end is nearer. */
uint32_t str_offset(const ObjString *s, int64_t index) {
    if (s->length == s->char_count) return (uint32_t)index;
    if (index <= s->char_count / 2) {
        uint32_t offset = 0;
        for (int64_t k = 0; k < index; k++) offset += utf8_char_length((unsigned char)s->chars[offset]);
        return offset;
    }
    uint32_t offset = s->length;
    for (int64_t k = s->char_count; k > index; k--) {
        do offset--;
        while (utf8_is_continuation((unsigned char)s->chars[offset]));
    }
    return offset;
}

/* Byte offset [delta] code points after (before, if negative) byte [offset] of [s]; stays in bounds. */
static uint32_t str_advance(const ObjString *s, uint32_t offset, int64_t delta) {
    if (s->length == s->char_count) return (uint32_t)((int64_t)offset + delta);
    for (; delta > 0; delta--) offset += utf8_char_length((unsigned char)s->chars[offset]);
    for (; delta < 0; delta++) {
        do offset--;
        while (utf8_is_continuation((unsigned char)s->chars[offset]));
    }
    return offset;
}

/* A new 1-character str: the code point at byte [offset] of [s]. */
bool str_char_at(Vm *vm, const ObjString *s, uint32_t offset, Value *result) {
    ObjString *c = string_copy(vm, s->chars + offset, utf8_char_length((unsigned char)s->chars[offset]));
    if (c == NULL) return false;
    *result = obj_value(&c->obj);
    return true;
}

/* --- repr ---------------------------------------------------------------------------------------------- */

/* str.isprintable() for one code point, exactly as CPython 3.11 (python3's own table, unicode_tables.h):
 * repr escapes what is not printable. */
bool unicode_is_printable(uint32_t cp) {
    if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
    return unicode_in_ranges(unicode_printable, sizeof unicode_printable / sizeof unicode_printable[0], cp);
}

/* Decodes the code point at s[*i] (valid UTF-8, as every str is) and advances *i past it. */
uint32_t str_next_code_point(const char *chars, size_t *i) {
    uint32_t cp = 0;
    int n = utf8_decode(chars + *i, utf8_char_length((uint8_t)chars[*i]), &cp);
    *i += n > 0 ? (size_t)n : 1; /* never 0 on a str's bytes; 1 keeps a loop moving on others */
    return cp;
}

/* \xNN, \uNNNN or \UNNNNNNNN: the shortest escape Python's repr and ascii() use for [cp]. */
void str_write_escape(Vm *vm, StrBuf *b, uint32_t cp) {
    if (cp < 0x100) {
        strbuf_append_format(vm, b, "\\x%02x", cp);
    } else if (cp < 0x10000) {
        strbuf_append_format(vm, b, "\\u%04x", cp);
    } else {
        strbuf_append_format(vm, b, "\\U%08x", cp);
    }
}

/* repr of a str: single quotes unless the text has ' and no ", as CPython chooses. */
void str_write_repr(Vm *vm, StrBuf *b, const ObjString *s) {
    bool has_single = memchr(s->chars, '\'', s->length) != NULL, has_double = memchr(s->chars, '"', s->length) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    strbuf_append(vm, b, &quote, 1);
    for (size_t i = 0; i < s->length;) {
        size_t start = i;
        uint32_t cp = str_next_code_point(s->chars, &i);
        if (cp == (uint32_t)quote || cp == '\\') {
            char escaped[2] = {'\\', (char)cp};
            strbuf_append(vm, b, escaped, 2);
        } else if (cp == '\n') {
            strbuf_append(vm, b, "\\n", 2);
        } else if (cp == '\t') {
            strbuf_append(vm, b, "\\t", 2);
        } else if (cp == '\r') {
            strbuf_append(vm, b, "\\r", 2);
        } else if (unicode_is_printable(cp)) {
            strbuf_append(vm, b, s->chars + start, i - start);
        } else {
            str_write_escape(vm, b, cp);
        }
    }
    strbuf_append(vm, b, &quote, 1);
}

/* --- Slots -------------------------------------------------------------------------------------------- */

static void str_free(Vm *vm, Obj *obj) {
    gc_free_object(vm, obj, sizeof(ObjString) + ((ObjString *)obj)->length + 1);
}

static bool str_repr(Vm *vm, StrBuf *b, Value self, const ReprScope *scope) {
    (void)scope;
    str_write_repr(vm, b, AS_STRING(self));
    return !b->failed;
}

static bool str_str(Vm *vm, StrBuf *b, Value self) {
    strbuf_append(vm, b, AS_STRING(self)->chars, AS_STRING(self)->length);
    return !b->failed;
}

static int str_equal(Vm *vm, Value a, Value b, int depth) {
    (void)vm, (void)depth;
    return string_equal(AS_STRING(a), AS_STRING(b));
}

int str_compare(const ObjString *a, const ObjString *b) {
    /* memcmp of UTF-8 orders by code point, which is Python's str order. */
    uint32_t n = a->length < b->length ? a->length : b->length;
    int c = memcmp(a->chars, b->chars, n);
    if (c != 0) return c < 0 ? -1 : 1;
    return a->length < b->length ? -1 : a->length > b->length;
}

static int str_order(Vm *vm, int op, Value a, Value b, int depth) {
    (void)vm, (void)depth;
    return order_holds(op, str_compare(AS_STRING(a), AS_STRING(b)));
}

static bool str_hash_slot(Vm *vm, Value self, uint64_t *hash) {
    (void)vm;
    *hash = string_hash(AS_STRING(self));
    return true;
}

static bool str_truthy(Value self) { return AS_STRING(self)->length != 0; }

static bool str_len(Vm *vm, Value self, int64_t *length) {
    (void)vm;
    *length = AS_STRING(self)->char_count;
    return true;
}

static bool str_subscr(Vm *vm, ObjString *s, Value index, Value *result) {
    int64_t i;
    if (index_value(index, &i)) {
        if (i < 0) i += s->char_count;
        if (i < 0 || i >= (int64_t)s->char_count) return vm_raise(vm, EXC_INDEX_ERROR, "string index out of range");
        return str_char_at(vm, s, str_offset(s, i), result);
    }
    if (!IS_SLICE(index)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "string indices must be integers, not '%s'", value_type_name(index));
    }
    SliceRange r;
    if (!slice_adjust(vm, AS_SLICE(index), s->char_count, &r)) return false;
    ObjString *out;
    if (r.count == 0) {
        out = string_copy(vm, "", 0);
    } else if (r.step == 1) {
        uint32_t from = str_offset(s, r.start);
        out = string_copy(vm, s->chars + from, str_offset(s, r.stop) - from);
    } else {
        /* An extended slice gathers characters one by one, walking from each to the next. */
        StrBuf b;
        strbuf_init(&b);
        uint32_t offset = str_offset(s, r.start);
        for (int64_t k = 0; k < r.count && !b.failed; k++) {
            strbuf_append(vm, &b, s->chars + offset, utf8_char_length((unsigned char)s->chars[offset]));
            if (k + 1 < r.count) offset = str_advance(s, offset, r.step);
        }
        out = b.failed ? NULL : string_copy(vm, b.chars, b.length);
        strbuf_free(vm, &b);
    }
    if (out == NULL) return false;
    *result = obj_value(&out->obj);
    return true;
}

static bool str_subscript(Vm *vm, Value self, Value index, Value *result) {
    return str_subscr(vm, AS_STRING(self), index, result);
}

static int str_contains(Vm *vm, Value self, Value item) {
    if (!IS_STRING(item)) {
        vm_raise(vm, EXC_TYPE_ERROR, "'in <string>' requires string as left operand, not %s", value_type_name(item));
        return -1;
    }
    ObjString *s = AS_STRING(self), *sub = AS_STRING(item);
    return sub->length == 0 || memmem(s->chars, s->length, sub->chars, sub->length) != NULL;
}

static bool str_get_iter(Vm *vm, Value self, Value *iter) { return seq_iter_value(vm, OBJ_STR_ITER, self, iter); }

/* a + b: only a str may follow a str. */
static bool str_concat_slot(Vm *vm, Value a, Value b, bool inplace, Value *result) {
    (void)inplace;
    if (!IS_STRING(b)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "can only concatenate str (not \"%s\") to str", value_type_name(b));
    }
    ObjString *s = string_concat(vm, AS_STRING(a), AS_STRING(b));
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}

/* s * n (a negative n gives ''). */
static bool str_repeat_slot(Vm *vm, Value seq, int64_t n, bool inplace, Value *result) {
    (void)inplace;
    if (n < 0) n = 0;
    ObjString *s = AS_STRING(seq);
    /* CPython: past PY_SSIZE_T_MAX bytes an OverflowError; below that, what cannot be had (here: past
     * the 32-bit str length) a MemoryError. */
    if (s->length != 0 && (uint64_t)n > (uint64_t)INT64_MAX / s->length) {
        return vm_raise(vm, EXC_OVERFLOW_ERROR, "repeated string is too long");
    }
    if (s->length != 0 && (uint64_t)n > (UINT32_MAX - 1) / s->length) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    StrBuf buf;
    strbuf_init(&buf);
    strbuf_append_repeated(vm, &buf, s->chars, s->length, (size_t)n);
    ObjString *r = buf.failed ? NULL : string_copy(vm, buf.chars, buf.length);
    strbuf_free(vm, &buf);
    if (r == NULL) return false;
    *result = obj_value(&r->obj);
    return true;
}

static bool str_remainder(Vm *vm, Value self, Value args, Value *result) {
    return str_format(vm, AS_STRING(self), args, result);
}

const TypeInfo str_type = {
    .name = "str",
    .free = str_free,
    .repr = str_repr,
    .str = str_str,
    .equal = str_equal,
    .compare = str_order,
    .hash = str_hash_slot,
    .truthy = str_truthy,
    .len = str_len,
    .subscript = str_subscript,
    .contains = str_contains,
    .get_iter = str_get_iter,
    .concat = str_concat_slot,
    .repeat = str_repeat_slot,
    .remainder = str_remainder,
    .methods = str_methods,
};
