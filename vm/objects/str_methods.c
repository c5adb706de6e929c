/* str_methods.c: str's searching, splitting, joining, replacing and stripping methods, and the table of
 * every str method (the others are in str_case.c and str_template.c), as CPython 3.11 has them.
 *
 * The file is ordered: shared helpers, searching (find, index, count, startswith), splitting and joining,
 * replacing and stripping, then the method table.
 */
#define _GNU_SOURCE /* memmem, memrchr */
#include <string.h>

#include "core/unicode.h"
#include "core/vm.h"
#include "objects/str_methods.h"

/* --- Shared helpers ------------------------------------------------------------------------------------ */

static const char *plural(int n) { return n == 1 ? "" : "s"; }

bool str_method_args(Vm *vm, const char *method, Value *args, int argc, int min, int max, ArityStyle style) {
    if (argc < 1 || !IS_STRING(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "descriptor '%s' requires a 'str' object but received a '%s'", method,
                        argc < 1 ? "NoneType" : value_type_name(args[0]));
    }
    int given = argc - 1;
    if (given >= min && given <= max) return true;
    if (style == ARITY_OLD) {
        bool few = given < min;
        int bound = few ? min : max;
        return vm_raise(vm, EXC_TYPE_ERROR, "%s expected at %s %d argument%s, got %d", method, few ? "least" : "most",
                        bound, plural(bound), given);
    }
    if (min == max && max == 0) return vm_raise(vm, EXC_TYPE_ERROR, "str.%s() takes no arguments (%d given)", method, given);
    if (min == max && max == 1) {
        return vm_raise(vm, EXC_TYPE_ERROR, "str.%s() takes exactly one argument (%d given)", method, given);
    }
    bool few = given < min;
    int bound = few ? min : max;
    return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes at %s %d argument%s (%d given)", method, few ? "least" : "most",
                    bound, plural(bound), given);
}

ObjString *str_substring(Vm *vm, const ObjString *s, uint32_t from, uint32_t to) {
    return string_copy_counted(vm, s->chars + from, to - from,
                               s->length == s->char_count ? to - from : UINT32_MAX);
}

bool str_substring_value(Vm *vm, const ObjString *s, uint32_t from, uint32_t to, Value *result) {
    ObjString *sub = str_substring(vm, s, from, to);
    if (sub == NULL) return false;
    *result = obj_value(&sub->obj);
    return true;
}

int64_t str_char_index(const ObjString *s, uint32_t offset) {
    if (s->length == s->char_count) return offset;
    int64_t count = 0;
    for (uint32_t i = 0; i < offset; i++) count += !utf8_is_continuation((unsigned char)s->chars[i]);
    return count;
}

bool unicode_is_space(uint32_t cp) {
    if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r') || (cp >= 0x1c && cp <= 0x1f);
    return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

void str_append_fill(Vm *vm, StrBuf *b, const char *fill, size_t fill_length, int64_t count) {
    if (count <= 0) return;
    if (fill_length == 1) strbuf_append_repeated_char(vm, b, fill[0], (size_t)count);
    else strbuf_append_repeated(vm, b, fill, fill_length, (size_t)count);
}

bool str_int_arg(Vm *vm, Value v, int64_t *out) { return int_arg(vm, v, out); }

static bool bool_result(Value *result, bool b) {
    *result = bool_value(b);
    return true;
}

/* A str argument, with CPython's "must be str, not int". */
static bool str_arg(Vm *vm, Value v, ObjString **out) {
    if (!IS_STRING(v)) return vm_raise(vm, EXC_TYPE_ERROR, "must be str, not %s", value_type_name(v));
    *out = AS_STRING(v);
    return true;
}

/* One start or end argument of find/count/startswith: an int or None, clamped like a slice index. */
static bool bound_arg(Vm *vm, Value v, int64_t length, int64_t *out) {
    if (IS_NONE(v)) return true;
    int64_t i;
    if (!is_intlike(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "slice indices must be integers or None or have an __index__ method");
    }
    i = as_intlike(v);
    if (i < 0) {
        i += length;
        if (i < 0) i = 0;
    }
    *out = i > length ? length : i;
    return true;
}

/* The byte range [*from, *to) of [s] that args[first] and args[first + 1] (when given) select, in code
 * points as slices count; false with an error. *empty: start lies past the end (find then gives -1). */
typedef struct {
    uint32_t from, to;
    int64_t start; /* the code point index of from */
    bool past_end;
} Window;

static bool window_args(Vm *vm, const ObjString *s, Value *args, int argc, int first, Window *w) {
    int64_t length = s->char_count, start = 0, end = length;
    if (argc > first && !bound_arg(vm, args[first], length, &start)) return false;
    if (argc > first + 1 && !bound_arg(vm, args[first + 1], length, &end)) return false;
    /* CPython checks the raw start against the length: 'abc'.find('', 5) is -1, not 3. */
    w->past_end = false;
    if (argc > first && is_intlike(args[first]) && as_intlike(args[first]) > length) w->past_end = true;
    if (end < start) { /* an empty window matches nothing, not even '' */
        w->past_end = true;
        end = start;
    }
    w->start = start;
    w->from = str_offset(s, start);
    w->to = str_offset(s, end);
    return true;
}

/* --- Searching ------------------------------------------------------------------------------------------ */

/* Byte offset of the first (or last) [sub] in bytes [from, to) of [s], or -1. */
static int64_t search(const ObjString *s, const ObjString *sub, uint32_t from, uint32_t to, bool reverse) {
    uint32_t n = sub->length;
    if (to < from || to - from < n) return -1;
    if (n == 0) return reverse ? to : from;
    if (!reverse) {
        const char *hit = memmem(s->chars + from, to - from, sub->chars, n);
        return hit == NULL ? -1 : hit - s->chars;
    }
    for (uint32_t at = to - n + 1; at-- > from;) {
        const char *hit = memrchr(s->chars + from, sub->chars[0], at - from + 1);
        if (hit == NULL) return -1;
        at = (uint32_t)(hit - s->chars);
        if (memcmp(hit, sub->chars, n) == 0) return at;
    }
    return -1;
}

/* find, rfind, index and rindex: the code point index of [sub] in the window, or -1. */
static bool find_common(Vm *vm, const char *name, Value *args, int argc, bool reverse, bool raise, Value *result) {
    ObjString *sub = NULL;
    if (!str_method_args(vm, name, args, argc, 1, 3, ARITY_CLINIC) || !str_arg(vm, args[1], &sub)) return false;
    ObjString *s = AS_STRING(args[0]);
    Window w;
    if (!window_args(vm, s, args, argc, 2, &w)) return false;
    int64_t at = w.past_end ? -1 : search(s, sub, w.from, w.to, reverse);
    if (at < 0 && raise) return vm_raise(vm, EXC_VALUE_ERROR, "substring not found");
    *result = int_value(at < 0 ? -1 : str_char_index(s, (uint32_t)at));
    return true;
}

NATIVE(str_find) { (void)kwnames; return find_common(vm, "find", args, argc, false, false, result); }
NATIVE(str_rfind) { (void)kwnames; return find_common(vm, "rfind", args, argc, true, false, result); }
NATIVE(str_index) { (void)kwnames; return find_common(vm, "index", args, argc, false, true, result); }
NATIVE(str_rindex) { (void)kwnames; return find_common(vm, "rindex", args, argc, true, true, result); }

/* Non-overlapping occurrences of [sub] in bytes [from, to) of [s], at most [limit] (-1: no limit). */
static int64_t count_occurrences(const ObjString *s, const ObjString *sub, uint32_t from, uint32_t to,
                                 int64_t limit) {
    if (sub->length == 0) {
        int64_t n = str_char_index(s, to) - str_char_index(s, from) + 1;
        return limit >= 0 && n > limit ? limit : n;
    }
    int64_t count = 0;
    for (int64_t at; (limit < 0 || count < limit) && (at = search(s, sub, from, to, false)) >= 0; count++) {
        from = (uint32_t)at + sub->length;
    }
    return count;
}

NATIVE(str_count) {
    (void)kwnames;
    ObjString *sub = NULL;
    if (!str_method_args(vm, "count", args, argc, 1, 3, ARITY_CLINIC) || !str_arg(vm, args[1], &sub)) return false;
    ObjString *s = AS_STRING(args[0]);
    Window w;
    if (!window_args(vm, s, args, argc, 2, &w)) return false;
    *result = int_value(w.past_end ? 0 : count_occurrences(s, sub, w.from, w.to, -1));
    return true;
}

/* startswith and endswith: the prefix may be a tuple of strs, any of which matches. */
static bool affix_common(Vm *vm, const char *name, Value *args, int argc, bool at_end, Value *result) {
    if (!str_method_args(vm, name, args, argc, 1, 3, ARITY_CLINIC)) return false;
    ObjString *s = AS_STRING(args[0]);
    Window w;
    if (!window_args(vm, s, args, argc, 2, &w)) return false;
    Value pattern = args[1];
    uint32_t n = IS_TUPLE(pattern) ? AS_TUPLE(pattern)->count : 1;
    if (!IS_TUPLE(pattern) && !IS_STRING(pattern)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s first arg must be str or a tuple of str, not %s", name,
                        value_type_name(pattern));
    }
    for (uint32_t i = 0; i < n; i++) {
        Value item = IS_TUPLE(pattern) ? AS_TUPLE(pattern)->items[i] : pattern;
        if (!IS_STRING(item)) {
            return vm_raise(vm, EXC_TYPE_ERROR, "tuple for %s must only contain str, not %s", name,
                            value_type_name(item));
        }
        const ObjString *a = AS_STRING(item);
        if (w.past_end || w.to - w.from < a->length) continue;
        uint32_t at = at_end ? w.to - a->length : w.from;
        if (memcmp(s->chars + at, a->chars, a->length) == 0) return bool_result(result, true);
    }
    return bool_result(result, false);
}

NATIVE(str_startswith) { (void)kwnames; return affix_common(vm, "startswith", args, argc, false, result); }
NATIVE(str_endswith) { (void)kwnames; return affix_common(vm, "endswith", args, argc, true, result); }

/* --- Splitting and joining -------------------------------------------------------------------------------- */

/* The sep and maxsplit of split/rsplit, positional or by keyword. */
static bool split_args(Vm *vm, const char *name, Value *args, int argc, ObjTuple *kwnames, Value *sep,
                       int64_t *maxsplit) {
    int npos = positional_count(argc, kwnames);
    if (!str_method_args(vm, name, args, npos, 0, 2, ARITY_CLINIC)) return false;
    *sep = npos > 1 ? args[1] : none_value();
    Value limit = npos > 2 ? args[2] : int_value(-1);
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        if (is_keyword(kwnames, k, "sep")) *sep = args[npos + (int)k];
        else if (is_keyword(kwnames, k, "maxsplit")) limit = args[npos + (int)k];
        else return invalid_keyword(vm, kwnames, k, name);
    }
    if (!IS_NONE(*sep) && !IS_STRING(*sep)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "must be str or None, not %s", value_type_name(*sep));
    }
    if (IS_STRING(*sep) && AS_STRING(*sep)->length == 0) return vm_raise(vm, EXC_VALUE_ERROR, "empty separator");
    return int_arg(vm, limit, maxsplit);
}

/* Appends bytes [from, to) of [s] to [list] as a new str. */
static bool push_piece(Vm *vm, ObjList *list, const ObjString *s, uint32_t from, uint32_t to) {
    ObjString *piece = str_substring(vm, s, from, to);
    return piece != NULL && list_append(vm, list, obj_value(&piece->obj));
}

/* The code point before byte [at] of [s], and where it starts. */
static uint32_t code_point_before(const ObjString *s, uint32_t at, uint32_t *start) {
    do at--;
    while (at > 0 && utf8_is_continuation((unsigned char)s->chars[at]));
    size_t i = at;
    *start = at;
    return str_next_code_point(s->chars, &i);
}

static bool space_at(const ObjString *s, uint32_t at, uint32_t *next) {
    size_t i = at;
    uint32_t cp = str_next_code_point(s->chars, &i);
    *next = (uint32_t)i;
    return unicode_is_space(cp);
}

/* split() with no separator: runs of whitespace separate, and leading/trailing whitespace gives no ''. */
static bool split_whitespace(Vm *vm, ObjList *list, const ObjString *s, int64_t maxsplit) {
    uint32_t i = 0, next;
    while (i < s->length) {
        while (i < s->length && space_at(s, i, &next)) i = next;
        if (i == s->length) break;
        if (maxsplit >= 0 && (int64_t)list->count == maxsplit) {
            return push_piece(vm, list, s, i, s->length); /* the rest, trailing whitespace and all */
        }
        uint32_t start = i;
        while (i < s->length && !space_at(s, i, &next)) i = next;
        if (!push_piece(vm, list, s, start, i)) return false;
    }
    return true;
}

static bool rsplit_whitespace(Vm *vm, ObjList *list, const ObjString *s, int64_t maxsplit) {
    uint32_t end = s->length, start;
    while (end > 0) {
        while (end > 0 && unicode_is_space(code_point_before(s, end, &start))) end = start;
        if (end == 0) break;
        if (maxsplit >= 0 && (int64_t)list->count == maxsplit) {
            return push_piece(vm, list, s, 0, end);
        }
        uint32_t stop = end;
        while (end > 0 && !unicode_is_space(code_point_before(s, end, &start))) end = start;
        if (!push_piece(vm, list, s, end, stop)) return false;
    }
    return true;
}

static bool split_by(Vm *vm, ObjList *list, const ObjString *s, const ObjString *sep, int64_t maxsplit) {
    uint32_t from = 0;
    int64_t at;
    while ((maxsplit < 0 || (int64_t)list->count < maxsplit) && (at = search(s, sep, from, s->length, false)) >= 0) {
        if (!push_piece(vm, list, s, from, (uint32_t)at)) return false;
        from = (uint32_t)at + sep->length;
    }
    return push_piece(vm, list, s, from, s->length);
}

static bool rsplit_by(Vm *vm, ObjList *list, const ObjString *s, const ObjString *sep, int64_t maxsplit) {
    uint32_t to = s->length;
    int64_t at;
    while ((maxsplit < 0 || (int64_t)list->count < maxsplit) && (at = search(s, sep, 0, to, true)) >= 0) {
        if (!push_piece(vm, list, s, (uint32_t)at + sep->length, to)) return false;
        to = (uint32_t)at;
    }
    return push_piece(vm, list, s, 0, to);
}

/* Reverses list->items in place (rsplit collects its pieces from the right). */
static void reverse_items(ObjList *list) {
    for (uint32_t i = 0, j = list->count; i + 1 < j; i++, j--) {
        Value t = list->items[i];
        list->items[i] = list->items[j - 1];
        list->items[j - 1] = t;
    }
}

static bool split_common(Vm *vm, const char *name, Value *args, int argc, ObjTuple *kwnames, bool reverse,
                         Value *result) {
    Value sep;
    int64_t maxsplit;
    if (!split_args(vm, name, args, argc, kwnames, &sep, &maxsplit)) return false;
    ObjString *s = AS_STRING(args[0]);
    ObjList *list = list_new(vm, 0);
    if (list == NULL) return false;
    vm_push_root(vm, obj_value(&list->obj));
    bool ok;
    if (IS_NONE(sep)) {
        ok = reverse ? rsplit_whitespace(vm, list, s, maxsplit) : split_whitespace(vm, list, s, maxsplit);
    } else {
        ok = reverse ? rsplit_by(vm, list, s, AS_STRING(sep), maxsplit) : split_by(vm, list, s, AS_STRING(sep), maxsplit);
    }
    vm_pop_root(vm);
    if (reverse) reverse_items(list);
    *result = obj_value(&list->obj);
    return ok;
}

NATIVE(str_split) { return split_common(vm, "split", args, argc, kwnames, false, result); }
NATIVE(str_rsplit) { return split_common(vm, "rsplit", args, argc, kwnames, true, result); }

/* The length of the line break at byte [i] of [s] (\r\n counts as one), or 0. str.splitlines breaks on
 * \n \r \v \f \x1c \x1d \x1e \x85 \u2028 \u2029. */
static uint32_t line_break_at(const ObjString *s, uint32_t i) {
    unsigned char c = (unsigned char)s->chars[i];
    if (c == '\r') return i + 1 < s->length && s->chars[i + 1] == '\n' ? 2 : 1;
    if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e)) return 1;
    if (c == 0xc2 && (unsigned char)s->chars[i + 1] == 0x85) return 2;
    if (c == 0xe2 && (unsigned char)s->chars[i + 1] == 0x80 &&
        ((unsigned char)s->chars[i + 2] == 0xa8 || (unsigned char)s->chars[i + 2] == 0xa9)) {
        return 3;
    }
    return 0;
}

NATIVE(str_splitlines) {
    int npos = positional_count(argc, kwnames);
    if (!str_method_args(vm, "splitlines", args, npos, 0, 1, ARITY_CLINIC)) return false;
    Value keep = npos > 1 ? args[1] : bool_value(false);
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        if (!is_keyword(kwnames, k, "keepends")) return invalid_keyword(vm, kwnames, k, "splitlines");
        keep = args[npos + (int)k];
    }
    if (IS_FLOAT(keep)) return vm_raise(vm, EXC_TYPE_ERROR, "'float' object cannot be interpreted as an integer");
    bool keepends = value_bool(keep);
    ObjString *s = AS_STRING(args[0]);
    ObjList *list = list_new(vm, 0);
    if (list == NULL) return false;
    vm_push_root(vm, obj_value(&list->obj));
    bool ok = true;
    uint32_t start = 0;
    for (uint32_t i = 0; i < s->length && ok;) {
        uint32_t n = line_break_at(s, i);
        if (n == 0) {
            i += utf8_char_length((unsigned char)s->chars[i]);
            continue;
        }
        ok = push_piece(vm, list, s, start, keepends ? i + n : i);
        i += n;
        start = i;
    }
    if (ok && start < s->length) ok = push_piece(vm, list, s, start, s->length);
    vm_pop_root(vm);
    *result = obj_value(&list->obj);
    return ok;
}

typedef struct {
    StrBuf *b;
    const ObjString *sep;
    uint32_t index;
    uint64_t chars; /* code points so far: the result needs no UTF-8 scan */
} JoinState;

static int join_one(Vm *vm, Value item, void *ctx) {
    JoinState *j = ctx;
    if (!IS_STRING(item)) {
        vm_raise(vm, EXC_TYPE_ERROR, "sequence item %u: expected str instance, %s found", j->index,
                 value_type_name(item));
        return -1;
    }
    if (j->index++ > 0) {
        strbuf_append(vm, j->b, j->sep->chars, j->sep->length);
        j->chars += j->sep->char_count;
    }
    strbuf_append(vm, j->b, AS_STRING(item)->chars, AS_STRING(item)->length);
    j->chars += AS_STRING(item)->char_count;
    return j->b->failed ? -1 : 1;
}

NATIVE(str_join) {
    (void)kwnames;
    if (!str_method_args(vm, "join", args, argc, 1, 1, ARITY_CLINIC)) return false;
    if (!value_is_iterable(args[1])) return vm_raise(vm, EXC_TYPE_ERROR, "can only join an iterable");
    StrBuf b;
    strbuf_init(&b);
    JoinState j = {&b, AS_STRING(args[0]), 0, 0};
    bool ok = for_each(vm, args[1], join_one, &j) && !b.failed; /* b.failed: MemoryError is set */
    uint32_t chars = j.chars < UINT32_MAX ? (uint32_t)j.chars : UINT32_MAX; /* too long: string_copy raises */
    ObjString *joined = ok ? string_copy_counted(vm, b.chars, b.length, chars) : NULL;
    strbuf_free(vm, &b);
    if (joined == NULL) return false;
    *result = obj_value(&joined->obj);
    return true;
}

/* --- Replacing, stripping, partitioning ------------------------------------------------------------------ */

NATIVE(str_replace) {
    (void)kwnames;
    if (!str_method_args(vm, "replace", args, argc, 2, 3, ARITY_OLD)) return false;
    for (int i = 1; i <= 2; i++) {
        if (!IS_STRING(args[i])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "replace() argument %d must be str, not %s", i,
                            value_type_name(args[i]));
        }
    }
    int64_t limit = -1;
    if (argc > 3 && !int_arg(vm, args[3], &limit)) return false;
    ObjString *s = AS_STRING(args[0]), *old = AS_STRING(args[1]), *new = AS_STRING(args[2]);
    if (limit == 0 || (old->length > 0 && search(s, old, 0, s->length, false) < 0)) {
        *result = args[0];
        return true;
    }
    StrBuf b;
    strbuf_init(&b);
    uint32_t from = 0;
    if (old->length == 0) {
        /* An empty needle matches before every character and at the end: 'ab'.replace('', '-') is '-a-b-'. */
        int64_t done = 0;
        for (; from < s->length && (limit < 0 || done < limit); done++) {
            uint32_t n = utf8_char_length((unsigned char)s->chars[from]);
            strbuf_append(vm, &b, new->chars, new->length);
            strbuf_append(vm, &b, s->chars + from, n);
            from += n;
        }
        if (limit < 0 || done < limit) strbuf_append(vm, &b, new->chars, new->length);
    } else {
        int64_t at;
        for (int64_t done = 0; (limit < 0 || done < limit) && (at = search(s, old, from, s->length, false)) >= 0;
             done++) {
            strbuf_append(vm, &b, s->chars + from, (uint32_t)at - from);
            strbuf_append(vm, &b, new->chars, new->length);
            from = (uint32_t)at + old->length;
        }
    }
    strbuf_append(vm, &b, s->chars + from, s->length - from);
    return strbuf_result(vm, &b, result);
}

/* Whether code point [cp] is one of [chars] (NULL: whitespace). */
static bool strippable(uint32_t cp, const ObjString *chars) {
    if (chars == NULL) return unicode_is_space(cp);
    char utf8[4];
    int n = utf8_encode(cp, utf8);
    return memmem(chars->chars, chars->length, utf8, (size_t)n) != NULL;
}

static bool strip_common(Vm *vm, const char *name, Value *args, int argc, bool left, bool right, Value *result) {
    if (!str_method_args(vm, name, args, argc, 0, 1, ARITY_OLD)) return false;
    const ObjString *chars = NULL;
    if (argc > 1 && !IS_NONE(args[1])) {
        if (!IS_STRING(args[1])) return vm_raise(vm, EXC_TYPE_ERROR, "%s arg must be None or str", name);
        chars = AS_STRING(args[1]);
    }
    ObjString *s = AS_STRING(args[0]);
    uint32_t from = 0, to = s->length, next;
    while (left && from < to) {
        size_t i = from;
        if (!strippable(str_next_code_point(s->chars, &i), chars)) break;
        from = (uint32_t)i;
    }
    while (right && to > from && strippable(code_point_before(s, to, &next), chars)) to = next;
    if (from == 0 && to == s->length) {
        *result = args[0];
        return true;
    }
    return str_substring_value(vm, s, from, to, result);
}

NATIVE(str_strip) { (void)kwnames; return strip_common(vm, "strip", args, argc, true, true, result); }
NATIVE(str_lstrip) { (void)kwnames; return strip_common(vm, "lstrip", args, argc, true, false, result); }
NATIVE(str_rstrip) { (void)kwnames; return strip_common(vm, "rstrip", args, argc, false, true, result); }

/* partition and rpartition: a 3-tuple (before, sep, after); not found gives (s, '', '') or ('', '', s). */
static bool partition_common(Vm *vm, const char *name, Value *args, int argc, bool reverse, Value *result) {
    ObjString *sep = NULL;
    if (!str_method_args(vm, name, args, argc, 1, 1, ARITY_CLINIC) || !str_arg(vm, args[1], &sep)) return false;
    if (sep->length == 0) return vm_raise(vm, EXC_VALUE_ERROR, "empty separator");
    ObjString *s = AS_STRING(args[0]);
    ObjTuple *t = tuple_new(vm, 3);
    if (t == NULL) return false;
    vm_push_root(vm, obj_value(&t->obj));
    int64_t at = search(s, sep, 0, s->length, reverse);
    bool ok;
    if (at < 0) {
        ObjString *empty = string_copy(vm, "", 0);
        ok = empty != NULL;
        if (ok) {
            t->items[0] = t->items[1] = t->items[2] = obj_value(&empty->obj);
            t->items[reverse ? 2 : 0] = args[0];
        }
    } else {
        t->items[1] = args[1];
        ok = str_substring_value(vm, s, 0, (uint32_t)at, &t->items[0]) &&
             str_substring_value(vm, s, (uint32_t)at + sep->length, s->length, &t->items[2]);
    }
    vm_pop_root(vm);
    *result = obj_value(&t->obj);
    return ok;
}

NATIVE(str_partition) { (void)kwnames; return partition_common(vm, "partition", args, argc, false, result); }
NATIVE(str_rpartition) { (void)kwnames; return partition_common(vm, "rpartition", args, argc, true, result); }

static bool remove_affix(Vm *vm, const char *name, Value *args, int argc, bool suffix, Value *result) {
    if (!str_method_args(vm, name, args, argc, 1, 1, ARITY_CLINIC)) return false;
    if (!IS_STRING(args[1])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s() argument must be str, not %s", name, value_type_name(args[1]));
    }
    ObjString *s = AS_STRING(args[0]), *a = AS_STRING(args[1]);
    if (a->length == 0 || a->length > s->length ||
        memcmp(s->chars + (suffix ? s->length - a->length : 0), a->chars, a->length) != 0) {
        *result = args[0];
        return true;
    }
    return suffix ? str_substring_value(vm, s, 0, s->length - a->length, result)
                  : str_substring_value(vm, s, a->length, s->length, result);
}

NATIVE(str_removeprefix) { (void)kwnames; return remove_affix(vm, "removeprefix", args, argc, false, result); }
NATIVE(str_removesuffix) { (void)kwnames; return remove_affix(vm, "removesuffix", args, argc, true, result); }

/* --- The method table ------------------------------------------------------------------------------------ */

const MethodDef str_methods[] = {
    {"find", str_find, false}, {"rfind", str_rfind, false}, {"index", str_index, false},
    {"rindex", str_rindex, false}, {"count", str_count, false}, {"startswith", str_startswith, false},
    {"endswith", str_endswith, false}, {"split", str_split, true}, {"rsplit", str_rsplit, true},
    {"splitlines", str_splitlines, true}, {"join", str_join, false}, {"replace", str_replace, false},
    {"strip", str_strip, false}, {"lstrip", str_lstrip, false}, {"rstrip", str_rstrip, false},
    {"partition", str_partition, false}, {"rpartition", str_rpartition, false},
    {"removeprefix", str_removeprefix, false}, {"removesuffix", str_removesuffix, false},
    {"upper", str_upper, false}, {"lower", str_lower, false}, {"casefold", str_casefold, false},
    {"swapcase", str_swapcase, false}, {"title", str_title, false}, {"capitalize", str_capitalize, false},
    {"isalpha", str_isalpha, false}, {"isdigit", str_isdigit, false}, {"isdecimal", str_isdecimal, false},
    {"isnumeric", str_isnumeric, false}, {"isalnum", str_isalnum, false}, {"isspace", str_isspace, false},
    {"isupper", str_isupper, false}, {"islower", str_islower, false}, {"istitle", str_istitle, false},
    {"isascii", str_isascii, false}, {"isidentifier", str_isidentifier, false},
    {"isprintable", str_isprintable, false}, {"center", str_center, false}, {"ljust", str_ljust, false},
    {"rjust", str_rjust, false}, {"zfill", str_zfill, false}, {"expandtabs", str_expandtabs, true},
    {"translate", str_translate, false}, {"maketrans", str_maketrans, METHOD_STATIC},
    {"format", str_format_method, true},
    {"format_map", str_format_map, false}, {"encode", str_encode, true}, {NULL, NULL, false},
};
