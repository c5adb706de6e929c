/* bytes_methods.c: the methods of bytes and bytearray (decode, hex, fromhex, find, index, count, split,
 * join, replace, the strip family, startswith, endswith, upper, lower, partition, ...) and bytearray's
 * mutators (append, extend, pop, insert, remove, clear, reverse, copy), with CPython 3.11's messages.
 *
 * Every method reads its object through a ByteView (bytes.h), so one function serves both types; a
 * result of the object's own kind is made by bytes_result_like.
 */
#define _GNU_SOURCE /* memmem, memrchr */
#include <string.h>

#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"

/* --- Arguments ------------------------------------------------------------------------------------------- */

static bool method_args(Vm *vm, const char *method, Value *args, int argc, int min, int max) {
    if (argc < 1 || !is_byteslike(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "descriptor '%s' requires a 'bytes' object", method);
    }
    int given = argc - 1;
    if (given >= min && given <= max) return true;
    const char *type = value_type_name(args[0]);
    if (max == 0) return vm_raise(vm, EXC_TYPE_ERROR, "%s.%s() takes no arguments (%d given)", type, method, given);
    if (min == 1 && max == 1) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s.%s() takes exactly one argument (%d given)", type, method, given);
    }
    bool few = given < min;
    int bound = few ? min : max;
    return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes at %s %d argument%s (%d given)", method, few ? "least" : "most",
                    bound, bound == 1 ? "" : "s", given);
}

static bool view_arg(Vm *vm, Value v, ByteView *out) {
    if (!is_byteslike(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'", value_type_name(v));
    }
    *out = byte_view(v);
    return true;
}

/* A needle of find/count/index: bytes-like, or an int naming one byte (held in [byte]). */
static bool needle_arg(Vm *vm, Value v, ByteView *out, char *byte) {
    if (is_byteslike(v)) {
        *out = byte_view(v);
        return true;
    }
    if (!is_intlike(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "argument should be integer or bytes-like object, not '%s'",
                        value_type_name(v));
    }
    if (!byte_value_arg(vm, v, (unsigned char *)byte)) return false;
    *out = (ByteView){byte, 1};
    return true;
}

/* A start or end argument, clamped as slice indices are. */
static bool bound_arg(Vm *vm, Value v, int64_t length, int64_t *out) {
    if (IS_NONE(v)) return true;
    if (!is_intlike(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "slice indices must be integers or None or have an __index__ method");
    }
    int64_t i = as_intlike(v);
    if (i < 0 && (i += length) < 0) i = 0;
    *out = i > length ? length : i;
    return true;
}

/* The [start, end) of args[2], args[3]; false in *valid when start lies past the end or past end. */
static bool window(Vm *vm, ByteView v, Value *args, int argc, int64_t *start, int64_t *end, bool *valid) {
    *start = 0;
    *end = v.length;
    if ((argc > 2 && !bound_arg(vm, args[2], v.length, start)) || (argc > 3 && !bound_arg(vm, args[3], v.length, end))) {
        return false;
    }
    *valid = *start <= *end && !(argc > 2 && is_intlike(args[2]) && as_intlike(args[2]) > (int64_t)v.length);
    return true;
}

/* --- Searching ------------------------------------------------------------------------------------------- */

static int64_t search(ByteView v, ByteView sub, int64_t from, int64_t to, bool reverse) {
    if (to - from < (int64_t)sub.length) return -1;
    if (sub.length == 0) return reverse ? to : from;
    if (!reverse) {
        const char *hit = memmem(v.data + from, (size_t)(to - from), sub.data, sub.length);
        return hit == NULL ? -1 : hit - v.data;
    }
    for (int64_t at = to - sub.length; at >= from; at--) {
        if (memcmp(v.data + at, sub.data, sub.length) == 0) return at;
    }
    return -1;
}

static bool find_common(Vm *vm, const char *name, Value *args, int argc, bool reverse, bool raise, Value *result) {
    ByteView v, sub = {NULL, 0};
    char byte;
    int64_t start, end;
    bool valid;
    if (!method_args(vm, name, args, argc, 1, 3) || !needle_arg(vm, args[1], &sub, &byte)) return false;
    v = byte_view(args[0]);
    if (!window(vm, v, args, argc, &start, &end, &valid)) return false;
    int64_t at = valid ? search(v, sub, start, end, reverse) : -1;
    if (at < 0 && raise) return vm_raise(vm, EXC_VALUE_ERROR, "subsection not found");
    *result = int_value(at);
    return true;
}

NATIVE(bytes_find) { (void)kwnames; return find_common(vm, "find", args, argc, false, false, result); }
NATIVE(bytes_rfind) { (void)kwnames; return find_common(vm, "rfind", args, argc, true, false, result); }
NATIVE(bytes_index) { (void)kwnames; return find_common(vm, "index", args, argc, false, true, result); }
NATIVE(bytes_rindex) { (void)kwnames; return find_common(vm, "rindex", args, argc, true, true, result); }

NATIVE(bytes_count) {
    (void)kwnames;
    ByteView v, sub = {NULL, 0};
    char byte;
    int64_t start, end, count = 0;
    bool valid;
    if (!method_args(vm, "count", args, argc, 1, 3) || !needle_arg(vm, args[1], &sub, &byte)) return false;
    v = byte_view(args[0]);
    if (!window(vm, v, args, argc, &start, &end, &valid)) return false;
    if (valid && sub.length == 0) count = end - start + 1;
    for (int64_t at; valid && sub.length > 0 && (at = search(v, sub, start, end, false)) >= 0; count++) {
        start = at + sub.length;
    }
    *result = int_value(count);
    return true;
}

static bool affix_common(Vm *vm, const char *name, Value *args, int argc, bool at_end, Value *result) {
    int64_t start, end;
    bool valid;
    if (!method_args(vm, name, args, argc, 1, 3)) return false;
    ByteView v = byte_view(args[0]);
    if (!window(vm, v, args, argc, &start, &end, &valid)) return false;
    Value pattern = args[1];
    if (!IS_TUPLE(pattern) && !is_byteslike(pattern)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s first arg must be bytes or a tuple of bytes, not %s", name,
                        value_type_name(pattern));
    }
    uint32_t n = IS_TUPLE(pattern) ? AS_TUPLE(pattern)->count : 1;
    bool found = false;
    for (uint32_t i = 0; i < n && !found; i++) {
        Value item = IS_TUPLE(pattern) ? AS_TUPLE(pattern)->items[i] : pattern;
        if (!is_byteslike(item)) {
            return vm_raise(vm, EXC_TYPE_ERROR, "a bytes-like object is required, not '%s'", value_type_name(item));
        }
        ByteView a = byte_view(item);
        if (!valid || end - start < (int64_t)a.length) continue;
        found = a.length == 0 || memcmp(v.data + (at_end ? end - a.length : start), a.data, a.length) == 0;
    }
    *result = bool_value(found);
    return true;
}

NATIVE(bytes_startswith) { (void)kwnames; return affix_common(vm, "startswith", args, argc, false, result); }
NATIVE(bytes_endswith) { (void)kwnames; return affix_common(vm, "endswith", args, argc, true, result); }

/* --- Splitting, joining, replacing, stripping -------------------------------------------------------------- */

static bool is_space_byte(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static bool push_piece(Vm *vm, ObjList *list, Value like, ByteView v, int64_t from, int64_t to) {
    Value piece;
    return bytes_result_like(vm, like, v.data + from, (size_t)(to - from), &piece) && list_append(vm, list, piece);
}

/* split and rsplit by a separator, or by runs of ASCII whitespace when sep is None. */
static bool split_into(Vm *vm, ObjList *list, Value self, Value sep, int64_t maxsplit, bool reverse) {
    ByteView v = byte_view(self);
    int64_t from = 0, to = v.length;
    if (IS_NONE(sep)) {
        while ((maxsplit < 0 || (int64_t)list->count < maxsplit) && from < to) {
            if (!reverse) {
                while (from < to && is_space_byte((unsigned char)v.data[from])) from++;
                int64_t start = from;
                while (from < to && !is_space_byte((unsigned char)v.data[from])) from++;
                if (start < from && !push_piece(vm, list, self, v, start, from)) return false;
            } else {
                while (to > from && is_space_byte((unsigned char)v.data[to - 1])) to--;
                int64_t stop = to;
                while (to > from && !is_space_byte((unsigned char)v.data[to - 1])) to--;
                if (to < stop && !push_piece(vm, list, self, v, to, stop)) return false;
            }
        }
        while (!reverse && from < to && is_space_byte((unsigned char)v.data[from])) from++;
        while (reverse && to > from && is_space_byte((unsigned char)v.data[to - 1])) to--;
        return from >= to || push_piece(vm, list, self, v, from, to);
    }
    ByteView s = {NULL, 0};
    if (!view_arg(vm, sep, &s)) return false;
    if (s.length == 0) return vm_raise(vm, EXC_VALUE_ERROR, "empty separator");
    int64_t at;
    while ((maxsplit < 0 || (int64_t)list->count < maxsplit) && (at = search(v, s, from, to, reverse)) >= 0) {
        bool ok = reverse ? push_piece(vm, list, self, v, at + s.length, to) : push_piece(vm, list, self, v, from, at);
        if (!ok) return false;
        if (reverse) to = at;
        else from = at + s.length;
    }
    return push_piece(vm, list, self, v, from, to);
}

static bool split_common(Vm *vm, const char *name, Value *args, int argc, ObjTuple *kwnames, bool reverse,
                         Value *result) {
    int npos = positional_count(argc, kwnames);
    if (!method_args(vm, name, args, npos, 0, 2)) return false;
    Value sep = npos > 1 ? args[1] : none_value(), limit = npos > 2 ? args[2] : int_value(-1);
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        if (is_keyword(kwnames, k, "sep")) sep = args[npos + (int)k];
        else if (is_keyword(kwnames, k, "maxsplit")) limit = args[npos + (int)k];
        else return invalid_keyword(vm, kwnames, k, name);
    }
    int64_t maxsplit;
    if (!int_arg(vm, limit, &maxsplit)) return false;
    ObjList *list = list_new(vm, 0);
    if (list == NULL) return false;
    vm_push_root(vm, obj_value(&list->obj));
    bool ok = split_into(vm, list, args[0], sep, maxsplit, reverse);
    vm_pop_root(vm);
    for (uint32_t i = 0, j = list->count; reverse && i + 1 < j; i++, j--) {
        Value t = list->items[i];
        list->items[i] = list->items[j - 1];
        list->items[j - 1] = t;
    }
    *result = obj_value(&list->obj);
    return ok;
}

NATIVE(bytes_split) { return split_common(vm, "split", args, argc, kwnames, false, result); }
NATIVE(bytes_rsplit) { return split_common(vm, "rsplit", args, argc, kwnames, true, result); }

typedef struct {
    StrBuf *b;
    ByteView sep;
    uint32_t index;
} JoinState;

static int join_one(Vm *vm, Value item, void *ctx) {
    JoinState *j = ctx;
    if (!is_byteslike(item)) {
        vm_raise(vm, EXC_TYPE_ERROR, "sequence item %u: expected a bytes-like object, %s found", j->index,
                 value_type_name(item));
        return -1;
    }
    if (j->index++ > 0) strbuf_append(vm, j->b, j->sep.data, j->sep.length);
    ByteView v = byte_view(item);
    strbuf_append(vm, j->b, v.data, v.length);
    return j->b->failed ? -1 : 1;
}

/* The bytes built in [b] as a result of [self]'s type; frees b. */
static bool buffer_result(Vm *vm, Value self, StrBuf *b, bool ok, Value *result) {
    ok = ok && !b->failed && bytes_result_like(vm, self, b->chars, b->length, result);
    strbuf_free(vm, b);
    return ok;
}

NATIVE(bytes_join) {
    (void)kwnames;
    if (!method_args(vm, "join", args, argc, 1, 1)) return false;
    if (!value_is_iterable(args[1])) return vm_raise(vm, EXC_TYPE_ERROR, "can only join an iterable");
    StrBuf b;
    strbuf_init(&b);
    JoinState j = {&b, byte_view(args[0]), 0};
    return buffer_result(vm, args[0], &b, for_each(vm, args[1], join_one, &j), result);
}

NATIVE(bytes_replace) {
    (void)kwnames;
    ByteView old = {NULL, 0}, new = {NULL, 0};
    int64_t limit = -1;
    if (!method_args(vm, "replace", args, argc, 2, 3) || !view_arg(vm, args[1], &old) || !view_arg(vm, args[2], &new) ||
        (argc > 3 && !int_arg(vm, args[3], &limit))) {
        return false;
    }
    ByteView v = byte_view(args[0]);
    StrBuf b;
    strbuf_init(&b);
    int64_t from = 0, at, done = 0;
    if (old.length == 0) {
        for (; from <= (int64_t)v.length && (limit < 0 || done < limit); done++, from++) {
            strbuf_append(vm, &b, new.data, new.length);
            if (from < (int64_t)v.length) strbuf_append(vm, &b, v.data + from, 1);
        }
    } else {
        for (; (limit < 0 || done < limit) && (at = search(v, old, from, v.length, false)) >= 0; done++) {
            strbuf_append(vm, &b, v.data + from, (size_t)(at - from));
            strbuf_append(vm, &b, new.data, new.length);
            from = at + old.length;
        }
    }
    if (from < (int64_t)v.length) strbuf_append(vm, &b, v.data + from, v.length - (size_t)from);
    return buffer_result(vm, args[0], &b, true, result);
}

static bool strip_common(Vm *vm, const char *name, Value *args, int argc, bool left, bool right, Value *result) {
    if (!method_args(vm, name, args, argc, 0, 1)) return false;
    ByteView chars = {" \t\n\r\x0b\x0c", 6};
    if (argc > 1 && !IS_NONE(args[1]) && !view_arg(vm, args[1], &chars)) return false;
    ByteView v = byte_view(args[0]);
    int64_t from = 0, to = v.length;
    while (left && from < to && memchr(chars.data, v.data[from], chars.length) != NULL) from++;
    while (right && to > from && memchr(chars.data, v.data[to - 1], chars.length) != NULL) to--;
    return bytes_result_like(vm, args[0], v.data + from, (size_t)(to - from), result);
}

NATIVE(bytes_strip) { (void)kwnames; return strip_common(vm, "strip", args, argc, true, true, result); }
NATIVE(bytes_lstrip) { (void)kwnames; return strip_common(vm, "lstrip", args, argc, true, false, result); }
NATIVE(bytes_rstrip) { (void)kwnames; return strip_common(vm, "rstrip", args, argc, false, true, result); }

static bool partition_common(Vm *vm, const char *name, Value *args, int argc, bool reverse, Value *result) {
    ByteView sep = {NULL, 0};
    if (!method_args(vm, name, args, argc, 1, 1) || !view_arg(vm, args[1], &sep)) return false;
    if (sep.length == 0) return vm_raise(vm, EXC_VALUE_ERROR, "empty separator");
    ByteView v = byte_view(args[0]);
    int64_t at = search(v, sep, 0, v.length, reverse);
    ObjTuple *t = tuple_new(vm, 3);
    if (t == NULL) return false;
    vm_push_root(vm, obj_value(&t->obj));
    int64_t cut = at < 0 ? (reverse ? 0 : v.length) : at, resume = at < 0 ? cut : at + sep.length;
    bool ok = bytes_result_like(vm, args[0], v.data, (size_t)cut, &t->items[0]) &&
              bytes_result_like(vm, args[0], sep.data, at < 0 ? 0 : sep.length, &t->items[1]) &&
              bytes_result_like(vm, args[0], v.data + resume, v.length - (size_t)resume, &t->items[2]);
    vm_pop_root(vm);
    *result = obj_value(&t->obj);
    return ok;
}

NATIVE(bytes_partition) { (void)kwnames; return partition_common(vm, "partition", args, argc, false, result); }
NATIVE(bytes_rpartition) { (void)kwnames; return partition_common(vm, "rpartition", args, argc, true, result); }

/* --- Case, hex ------------------------------------------------------------------------------------------- */

static bool map_case(Vm *vm, const char *name, Value *args, int argc, bool upper, Value *result) {
    if (!method_args(vm, name, args, argc, 0, 0)) return false;
    ByteView v = byte_view(args[0]);
    StrBuf b;
    strbuf_init(&b);
    strbuf_append(vm, &b, v.data, v.length);
    for (size_t i = 0; !b.failed && i < b.length; i++) {
        char c = b.chars[i];
        if (upper && c >= 'a' && c <= 'z') b.chars[i] = (char)(c - 32);
        if (!upper && c >= 'A' && c <= 'Z') b.chars[i] = (char)(c + 32);
    }
    return buffer_result(vm, args[0], &b, true, result);
}

NATIVE(bytes_upper) { (void)kwnames; return map_case(vm, "upper", args, argc, true, result); }
NATIVE(bytes_lower) { (void)kwnames; return map_case(vm, "lower", args, argc, false, result); }

NATIVE(bytes_hex) {
    (void)kwnames;
    if (!method_args(vm, "hex", args, argc, 0, 0)) return false;
    ByteView v = byte_view(args[0]);
    StrBuf b;
    strbuf_init(&b);
    for (uint32_t i = 0; i < v.length && !b.failed; i++) strbuf_append_format(vm, &b, "%02x", (unsigned char)v.data[i]);
    return strbuf_result(vm, &b, result);
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if ((c | 32) >= 'a' && (c | 32) <= 'f') return (c | 32) - 'a' + 10;
    return -1;
}

/* fromhex is a class method; cpvm reaches it through an object (b''.fromhex('ff')), which CPython allows too. */
NATIVE(bytes_fromhex) {
    (void)kwnames;
    if (!method_args(vm, "fromhex", args, argc, 1, 1)) return false;
    if (!IS_STRING(args[1])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "fromhex() argument must be str, not %s", value_type_name(args[1]));
    }
    const ObjString *s = AS_STRING(args[1]);
    StrBuf b;
    strbuf_init(&b);
    for (uint32_t i = 0; i < s->length;) {
        if (s->chars[i] == ' ' || (s->chars[i] >= '\t' && s->chars[i] <= '\r')) {
            i++;
            continue;
        }
        int high = hex_digit(s->chars[i]), low = i + 1 < s->length ? hex_digit(s->chars[i + 1]) : -1;
        if (high < 0 || low < 0) {
            strbuf_free(vm, &b);
            return vm_raise(vm, EXC_VALUE_ERROR, "non-hexadecimal number found in fromhex() arg at position %u",
                            high < 0 ? i : i + 1);
        }
        char byte = (char)(high * 16 + low);
        strbuf_append(vm, &b, &byte, 1);
        i += 2;
    }
    return buffer_result(vm, args[0], &b, true, result);
}

/* --- bytearray's mutators ------------------------------------------------------------------------------------ */

#define SELF_ARRAY AS_BYTEARRAY(args[0])

NATIVE(bytearray_append) {
    (void)kwnames;
    unsigned char byte;
    if (!method_args(vm, "append", args, argc, 1, 1) || !byte_value_arg(vm, args[1], &byte)) return false;
    *result = none_value();
    return bytearray_append_bytes(vm, SELF_ARRAY, (const char *)&byte, 1);
}

static int append_item(Vm *vm, Value item, void *ctx) {
    unsigned char byte;
    if (!byte_value_arg(vm, item, &byte)) return -1;
    return bytearray_append_bytes(vm, ctx, (const char *)&byte, 1) ? 1 : -1;
}

NATIVE(bytearray_extend) {
    (void)kwnames;
    if (!method_args(vm, "extend", args, argc, 1, 1)) return false;
    *result = none_value();
    if (is_byteslike(args[1])) {
        ByteView v = byte_view(args[1]);
        return bytearray_append_bytes(vm, SELF_ARRAY, v.data, v.length);
    }
    if (!value_is_iterable(args[1]) || IS_STRING(args[1])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "can't extend bytearray with %s", value_type_name(args[1]));
    }
    return for_each(vm, args[1], append_item, SELF_ARRAY);
}

NATIVE(bytearray_pop) {
    (void)kwnames;
    if (!method_args(vm, "pop", args, argc, 0, 1)) return false;
    ObjByteArray *a = SELF_ARRAY;
    int64_t i = -1;
    if (argc > 1 && !int_arg(vm, args[1], &i)) return false;
    if (a->length == 0) return vm_raise(vm, EXC_INDEX_ERROR, "pop from empty bytearray");
    if (i < 0) i += a->length;
    if (i < 0 || i >= (int64_t)a->length) return vm_raise(vm, EXC_INDEX_ERROR, "pop index out of range");
    *result = int_value((unsigned char)a->data[i]);
    memmove(a->data + i, a->data + i + 1, a->length - (uint32_t)i - 1);
    a->length--;
    return true;
}

NATIVE(bytearray_insert) {
    (void)kwnames;
    int64_t i;
    unsigned char byte;
    if (!method_args(vm, "insert", args, argc, 2, 2) || !int_arg(vm, args[1], &i) || !byte_value_arg(vm, args[2], &byte)) {
        return false;
    }
    ObjByteArray *a = SELF_ARRAY;
    if (i < 0 && (i += a->length) < 0) i = 0;
    if (i > (int64_t)a->length) i = a->length;
    if (!bytearray_append_bytes(vm, a, (const char *)&byte, 1)) return false;
    memmove(a->data + i + 1, a->data + i, a->length - 1 - (uint32_t)i);
    a->data[i] = (char)byte;
    *result = none_value();
    return true;
}

NATIVE(bytearray_remove) {
    (void)kwnames;
    unsigned char byte;
    if (!method_args(vm, "remove", args, argc, 1, 1) || !byte_value_arg(vm, args[1], &byte)) return false;
    ObjByteArray *a = SELF_ARRAY;
    char *at = a->length > 0 ? memchr(a->data, byte, a->length) : NULL;
    if (at == NULL) return vm_raise(vm, EXC_VALUE_ERROR, "value not found in bytearray");
    memmove(at, at + 1, a->length - (size_t)(at - a->data) - 1);
    a->length--;
    *result = none_value();
    return true;
}

NATIVE(bytearray_clear) {
    (void)kwnames;
    if (!method_args(vm, "clear", args, argc, 0, 0)) return false;
    SELF_ARRAY->length = 0;
    *result = none_value();
    return true;
}

NATIVE(bytearray_reverse) {
    (void)kwnames;
    if (!method_args(vm, "reverse", args, argc, 0, 0)) return false;
    ObjByteArray *a = SELF_ARRAY;
    for (uint32_t i = 0, j = a->length; i + 1 < j; i++, j--) {
        char t = a->data[i];
        a->data[i] = a->data[j - 1];
        a->data[j - 1] = t;
    }
    *result = none_value();
    return true;
}

NATIVE(bytearray_copy_method) {
    (void)kwnames;
    if (!method_args(vm, "copy", args, argc, 0, 0)) return false;
    ByteView v = byte_view(args[0]);
    return bytes_result_like(vm, args[0], v.data, v.length, result);
}

/* --- The method tables --------------------------------------------------------------------------------------- */

#define SHARED_METHODS                                                                                          \
    {"decode", bytes_decode, true}, {"hex", bytes_hex, false}, {"fromhex", bytes_fromhex, false},              \
    {"find", bytes_find, false}, {"rfind", bytes_rfind, false}, {"index", bytes_index, false},                 \
    {"rindex", bytes_rindex, false}, {"count", bytes_count, false}, {"startswith", bytes_startswith, false},   \
    {"endswith", bytes_endswith, false}, {"split", bytes_split, true}, {"rsplit", bytes_rsplit, true},         \
    {"join", bytes_join, false}, {"replace", bytes_replace, false}, {"strip", bytes_strip, false},             \
    {"lstrip", bytes_lstrip, false}, {"rstrip", bytes_rstrip, false}, {"upper", bytes_upper, false},           \
    {"lower", bytes_lower, false}, {"partition", bytes_partition, false}, {"rpartition", bytes_rpartition, false}

const MethodDef bytes_methods[] = {SHARED_METHODS, {NULL, NULL, false}};

const MethodDef bytearray_methods[] = {
    SHARED_METHODS,
    {"append", bytearray_append, false}, {"extend", bytearray_extend, false}, {"pop", bytearray_pop, false},
    {"insert", bytearray_insert, false}, {"remove", bytearray_remove, false}, {"clear", bytearray_clear, false},
    {"reverse", bytearray_reverse, false}, {"copy", bytearray_copy_method, false}, {NULL, NULL, false},
};
