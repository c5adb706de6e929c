/* str_case.c: str's case mapping (upper, lower, casefold, swapcase, title, capitalize), the is*
 * predicates, padding (center, ljust, rjust, zfill), expandtabs and translate.
 *
 * Character properties come from utf8proc (the Unicode tables the lexer already uses for NFKC). Case
 * mapping is full, as CPython's: the characters whose upper, lower or title case is several characters
 * (SpecialCasing.txt's unconditional rules: 'ß'.upper() is 'SS', 'ŉ'.upper() is 'ʼN') come from a table
 * generated from python3's own Unicode database (unicode_tables.h); every other character maps one to one
 * through utf8proc. ASCII text takes a byte loop that never decodes.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include <utf8proc.h>

#include "core/unicode.h"
#include "core/vm.h"
#include "objects/str_methods.h"
#include "unicode_tables.h"

/* --- Character classes ------------------------------------------------------------------------------------ */

static int category(uint32_t cp) { return utf8proc_category((utf8proc_int32_t)cp); }

/* Upper and lower case are Unicode's Uppercase and Lowercase properties (python3's tables): a category
 * alone misses characters such as U+0345, which Python counts as lower case. */
static bool is_upper(uint32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    return unicode_in_ranges(unicode_uppercase, sizeof unicode_uppercase / sizeof unicode_uppercase[0], cp);
}
static bool is_lower(uint32_t cp) {
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return unicode_in_ranges(unicode_lowercase, sizeof unicode_lowercase / sizeof unicode_lowercase[0], cp);
}
static bool is_title(uint32_t cp) { return category(cp) == UTF8PROC_CATEGORY_LT; }
static bool is_cased(uint32_t cp) { return is_upper(cp) || is_lower(cp) || is_title(cp); }

/* Letters and decimal digits from python3's tables too: utf8proc may know a newer Unicode, which would
 * make a character a letter here that CPython 3.11 does not count as one. */
static bool is_alpha(uint32_t cp) {
    if (cp < 0x80) return (cp | 32) - 'a' < 26;
    return unicode_in_ranges(unicode_alpha, sizeof unicode_alpha / sizeof unicode_alpha[0], cp);
}

static bool is_decimal(uint32_t cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return unicode_in_ranges(unicode_decimal, sizeof unicode_decimal / sizeof unicode_decimal[0], cp);
}

/* isdigit and isnumeric: Unicode's Numeric_Type (Digit and Decimal; any), from python3's tables. */
static bool is_digit(uint32_t cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return unicode_in_ranges(unicode_digit, sizeof unicode_digit / sizeof unicode_digit[0], cp);
}

static bool is_numeric(uint32_t cp) {
    if (cp < 0x80) return cp >= '0' && cp <= '9';
    return unicode_in_ranges(unicode_numeric, sizeof unicode_numeric / sizeof unicode_numeric[0], cp);
}

static bool is_alnum(uint32_t cp) { return is_alpha(cp) || is_numeric(cp); }

/* --- Case mapping ------------------------------------------------------------------------------------------- */

typedef enum { MAP_UPPER, MAP_LOWER, MAP_TITLE, MAP_FOLD } CaseMap;

/* [cp]'s mapping by [map] (UTF-8) when [cp] has a multi-character case mapping of any kind, else NULL. */
static const char *special_case(uint32_t cp, CaseMap map) {
    size_t low = 0, high = sizeof unicode_special_casing / sizeof unicode_special_casing[0];
    if (cp < unicode_special_casing[0].cp) return NULL;
    while (low < high) { /* binary search over the sorted table */
        size_t mid = low + (high - low) / 2;
        const UnicodeSpecialCase *row = &unicode_special_casing[mid];
        if (row->cp == cp) {
            return map == MAP_UPPER ? row->upper : map == MAP_LOWER ? row->lower : row->title;
        }
        if (row->cp < cp) low = mid + 1;
        else high = mid;
    }
    return NULL;
}

/* Appends [cp] mapped by [map]. Case folding is full (utf8proc's CaseFolding.txt: 'ß' folds to 'ss'). */
static void append_mapped(Vm *vm, StrBuf *b, uint32_t cp, CaseMap map) {
    char utf8[4];
    if (map == MAP_FOLD) {
        utf8proc_int32_t folded[4];
        int last_boundclass = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)cp, folded, 4, UTF8PROC_CASEFOLD, &last_boundclass);
        for (utf8proc_ssize_t k = 0; k < n && k < 4; k++) {
            strbuf_append(vm, b, utf8, (size_t)utf8_encode((uint32_t)folded[k], utf8));
        }
        return;
    }
    const char *special = special_case(cp, map);
    if (special != NULL) {
        strbuf_append(vm, b, special, strlen(special));
        return;
    }
    utf8proc_int32_t mapped = map == MAP_UPPER   ? utf8proc_toupper((utf8proc_int32_t)cp)
                              : map == MAP_TITLE ? utf8proc_totitle((utf8proc_int32_t)cp)
                                                 : utf8proc_tolower((utf8proc_int32_t)cp);
    strbuf_append(vm, b, utf8, (size_t)utf8_encode((uint32_t)mapped, utf8));
}

static bool next_is_cased(const ObjString *s, size_t i) {
    return i < s->length && is_cased(str_next_code_point(s->chars, &i));
}

/* Appends the lowercase of [cp], the character before byte [i] of [s]: a capital sigma that ends a word
 * lowers to 'ς' (Unicode's Final_Sigma rule, which CPython applies). */
static void append_lowered(Vm *vm, StrBuf *b, const ObjString *s, size_t i, uint32_t cp, bool previous_cased) {
    if (cp == 0x3a3 && previous_cased && !next_is_cased(s, i)) strbuf_append(vm, b, "\xcf\x82", 2);
    else append_mapped(vm, b, cp, MAP_LOWER);
}

/* upper, lower and casefold map every character the same way (but for lower's final sigma). */
static bool map_all(Vm *vm, const char *name, Value *args, int argc, CaseMap map, Value *result) {
    if (!str_method_args(vm, name, args, argc, 0, 0, ARITY_CLINIC)) return false;
    const ObjString *s = AS_STRING(args[0]);
    StrBuf b;
    strbuf_init(&b);
    if (s->length == s->char_count) {
        strbuf_append(vm, &b, s->chars, s->length);
        for (size_t i = 0; !b.failed && i < b.length; i++) {
            char c = b.chars[i];
            if (map == MAP_UPPER && c >= 'a' && c <= 'z') b.chars[i] = (char)(c - 32);
            if (map != MAP_UPPER && c >= 'A' && c <= 'Z') b.chars[i] = (char)(c + 32);
        }
    } else {
        bool previous_cased = false;
        for (size_t i = 0; i < s->length;) {
            uint32_t cp = str_next_code_point(s->chars, &i);
            if (map == MAP_LOWER) append_lowered(vm, &b, s, i, cp, previous_cased);
            else append_mapped(vm, &b, cp, map);
            previous_cased = is_cased(cp);
        }
    }
    return strbuf_result(vm, &b, result);
}

bool str_upper(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return map_all(vm, "upper", args, argc, MAP_UPPER, result);
}

bool str_lower(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return map_all(vm, "lower", args, argc, MAP_LOWER, result);
}

bool str_casefold(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return map_all(vm, "casefold", args, argc, MAP_FOLD, result);
}

bool str_swapcase(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (!str_method_args(vm, "swapcase", args, argc, 0, 0, ARITY_CLINIC)) return false;
    const ObjString *s = AS_STRING(args[0]);
    StrBuf b;
    strbuf_init(&b);
    bool previous_cased = false;
    for (size_t i = 0; i < s->length;) {
        size_t start = i;
        uint32_t cp = str_next_code_point(s->chars, &i);
        if (is_upper(cp)) append_lowered(vm, &b, s, i, cp, previous_cased);
        else if (is_lower(cp)) append_mapped(vm, &b, cp, MAP_UPPER);
        else strbuf_append(vm, &b, s->chars + start, i - start); /* titlecase and uncased stay */
        previous_cased = is_cased(cp);
    }
    return strbuf_result(vm, &b, result);
}

/* title: a cased character after a cased one is lowered, any other is title-cased (CPython's rule, so
 * "they're" becomes "They'Re"). capitalize: the first character title-cased, the rest lowered. */
static bool title_or_capitalize(Vm *vm, const char *name, Value *args, int argc, bool title, Value *result) {
    if (!str_method_args(vm, name, args, argc, 0, 0, ARITY_CLINIC)) return false;
    const ObjString *s = AS_STRING(args[0]);
    StrBuf b;
    strbuf_init(&b);
    bool previous_cased = false;
    for (size_t i = 0; i < s->length;) {
        bool first = i == 0;
        uint32_t cp = str_next_code_point(s->chars, &i);
        if (title ? previous_cased : !first) append_lowered(vm, &b, s, i, cp, previous_cased);
        else append_mapped(vm, &b, cp, MAP_TITLE);
        previous_cased = is_cased(cp);
    }
    return strbuf_result(vm, &b, result);
}

bool str_title(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return title_or_capitalize(vm, "title", args, argc, true, result);
}

bool str_capitalize(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return title_or_capitalize(vm, "capitalize", args, argc, false, result);
}

/* --- Predicates ------------------------------------------------------------------------------------------ */

/* True when the str is not empty and every character satisfies [test]. */
static bool all_chars(Vm *vm, const char *name, Value *args, int argc, bool (*test)(uint32_t), Value *result) {
    if (!str_method_args(vm, name, args, argc, 0, 0, ARITY_CLINIC)) return false;
    const ObjString *s = AS_STRING(args[0]);
    bool all = s->length > 0;
    for (size_t i = 0; all && i < s->length;) all = test(str_next_code_point(s->chars, &i));
    *result = bool_value(all);
    return true;
}

#define PREDICATE(method, test)                                                                   \
    bool str_##method(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {          \
        (void)kwnames;                                                                            \
        return all_chars(vm, #method, args, argc, test, result);                                  \
    }

PREDICATE(isalpha, is_alpha)
PREDICATE(isdigit, is_digit)
PREDICATE(isdecimal, is_decimal)
PREDICATE(isnumeric, is_numeric)
PREDICATE(isalnum, is_alnum)
PREDICATE(isspace, unicode_is_space)

/* isupper and islower: at least one cased character, and none of the other case. */
static bool one_case(Vm *vm, const char *name, Value *args, int argc, bool upper, Value *result) {
    if (!str_method_args(vm, name, args, argc, 0, 0, ARITY_CLINIC)) return false;
    const ObjString *s = AS_STRING(args[0]);
    bool cased = false, other = false;
    for (size_t i = 0; i < s->length && !other;) {
        uint32_t cp = str_next_code_point(s->chars, &i);
        if (upper ? is_upper(cp) : is_lower(cp)) cased = true;
        else if (upper ? is_lower(cp) || is_title(cp) : is_upper(cp) || is_title(cp)) other = true;
    }
    *result = bool_value(cased && !other);
    return true;
}

bool str_isupper(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return one_case(vm, "isupper", args, argc, true, result);
}

bool str_islower(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    return one_case(vm, "islower", args, argc, false, result);
}

/* istitle: uppercase and titlecase characters only after uncased ones, lowercase only after cased ones. */
bool str_istitle(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (!str_method_args(vm, "istitle", args, argc, 0, 0, ARITY_CLINIC)) return false;
    const ObjString *s = AS_STRING(args[0]);
    bool previous_cased = false, any = false, ok = true;
    for (size_t i = 0; i < s->length && ok;) {
        uint32_t cp = str_next_code_point(s->chars, &i);
        if (is_upper(cp) || is_title(cp)) {
            ok = !previous_cased;
            previous_cased = any = true;
        } else if (is_lower(cp)) {
            ok = previous_cased;
            previous_cased = any = true;
        } else {
            previous_cased = false;
        }
    }
    *result = bool_value(ok && any);
    return true;
}

bool str_isascii(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (!str_method_args(vm, "isascii", args, argc, 0, 0, ARITY_CLINIC)) return false;
    *result = bool_value(AS_STRING(args[0])->length == AS_STRING(args[0])->char_count);
    return true;
}

/* XID_Start for the first character, XID_Continue for the others (python3's tables, the lexer's too). */
static bool identifier_char(uint32_t cp, bool first) {
    if (cp < 0x80) return cp == '_' || (cp | 32) - 'a' < 26 || (!first && cp - '0' < 10);
    if (first) return unicode_in_ranges(unicode_xid_start, sizeof unicode_xid_start / sizeof unicode_xid_start[0], cp);
    return unicode_in_ranges(unicode_xid_continue, sizeof unicode_xid_continue / sizeof unicode_xid_continue[0], cp);
}

bool str_isidentifier(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (!str_method_args(vm, "isidentifier", args, argc, 0, 0, ARITY_CLINIC)) return false;
    const ObjString *s = AS_STRING(args[0]);
    bool ok = s->length > 0;
    for (size_t i = 0; ok && i < s->length;) {
        bool first = i == 0;
        ok = identifier_char(str_next_code_point(s->chars, &i), first);
    }
    *result = bool_value(ok);
    return true;
}

/* isprintable: true for '' too. */
bool str_isprintable(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (!str_method_args(vm, "isprintable", args, argc, 0, 0, ARITY_CLINIC)) return false;
    const ObjString *s = AS_STRING(args[0]);
    bool ok = true;
    for (size_t i = 0; ok && i < s->length;) ok = unicode_is_printable(str_next_code_point(s->chars, &i));
    *result = bool_value(ok);
    return true;
}

/* --- Padding, tabs, translate --------------------------------------------------------------------------- */

/* The width and optional fill character of center/ljust/rjust. */
static bool pad_args(Vm *vm, const char *name, Value *args, int argc, int64_t *width, const char **fill,
                     size_t *fill_length) {
    if (!str_method_args(vm, name, args, argc, 1, 2, ARITY_OLD) || !int_arg(vm, args[1], width)) return false;
    *fill = " ";
    *fill_length = 1;
    if (argc > 2) {
        if (!IS_STRING(args[2])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "The fill character must be a unicode character, not %s",
                            value_type_name(args[2]));
        }
        if (AS_STRING(args[2])->char_count != 1) {
            return vm_raise(vm, EXC_TYPE_ERROR, "The fill character must be exactly one character long");
        }
        *fill = AS_STRING(args[2])->chars;
        *fill_length = AS_STRING(args[2])->length;
    }
    return true;
}

/* [left] fill characters, the str, then [right] more. */
static bool pad(Vm *vm, Value self, int64_t left, int64_t right, const char *fill, size_t fill_length,
                Value *result) {
    const ObjString *s = AS_STRING(self);
    if (left <= 0 && right <= 0) {
        *result = self;
        return true;
    }
    StrBuf b;
    strbuf_init(&b);
    str_append_fill(vm, &b, fill, fill_length, left);
    strbuf_append(vm, &b, s->chars, s->length);
    str_append_fill(vm, &b, fill, fill_length, right);
    return strbuf_result(vm, &b, result);
}

/* center puts the odd extra character on the left when the width is odd, as CPython does. */
bool str_center(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    int64_t width;
    const char *fill;
    size_t fill_length;
    if (!pad_args(vm, "center", args, argc, &width, &fill, &fill_length)) return false;
    int64_t extra = width - AS_STRING(args[0])->char_count;
    if (extra <= 0) return pad(vm, args[0], 0, 0, fill, fill_length, result);
    int64_t left = extra / 2 + (extra & width & 1);
    return pad(vm, args[0], left, extra - left, fill, fill_length, result);
}

bool str_ljust(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    int64_t width;
    const char *fill;
    size_t fill_length;
    if (!pad_args(vm, "ljust", args, argc, &width, &fill, &fill_length)) return false;
    return pad(vm, args[0], 0, width - AS_STRING(args[0])->char_count, fill, fill_length, result);
}

bool str_rjust(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    int64_t width;
    const char *fill;
    size_t fill_length;
    if (!pad_args(vm, "rjust", args, argc, &width, &fill, &fill_length)) return false;
    return pad(vm, args[0], width - AS_STRING(args[0])->char_count, 0, fill, fill_length, result);
}

/* zfill: zeros after a leading sign. */
bool str_zfill(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    int64_t width;
    if (!str_method_args(vm, "zfill", args, argc, 1, 1, ARITY_CLINIC) || !int_arg(vm, args[1], &width)) return false;
    const ObjString *s = AS_STRING(args[0]);
    int64_t extra = width - s->char_count;
    if (extra <= 0) {
        *result = args[0];
        return true;
    }
    bool sign = s->length > 0 && (s->chars[0] == '+' || s->chars[0] == '-');
    StrBuf b;
    strbuf_init(&b);
    if (sign) strbuf_append(vm, &b, s->chars, 1);
    strbuf_append_repeated_char(vm, &b, '0', (size_t)extra);
    strbuf_append(vm, &b, s->chars + sign, s->length - sign);
    return strbuf_result(vm, &b, result);
}

bool str_expandtabs(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    int npos = positional_count(argc, kwnames);
    if (!str_method_args(vm, "expandtabs", args, npos, 0, 1, ARITY_CLINIC)) return false;
    Value size = npos > 1 ? args[1] : int_value(8);
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        if (!is_keyword(kwnames, k, "tabsize")) return invalid_keyword(vm, kwnames, k, "expandtabs");
        size = args[npos + (int)k];
    }
    int64_t tabsize;
    if (!int_arg(vm, size, &tabsize)) return false;
    const ObjString *s = AS_STRING(args[0]);
    StrBuf b;
    strbuf_init(&b);
    int64_t column = 0;
    for (size_t i = 0; i < s->length && !b.failed;) {
        size_t start = i;
        uint32_t cp = str_next_code_point(s->chars, &i);
        if (cp == '\t') {
            if (tabsize > 0) {
                int64_t spaces = tabsize - column % tabsize;
                strbuf_append_repeated_char(vm, &b, ' ', (size_t)spaces);
                column += spaces;
            }
            continue;
        }
        strbuf_append(vm, &b, s->chars + start, i - start);
        column = cp == '\n' || cp == '\r' ? 0 : column + 1;
    }
    return strbuf_result(vm, &b, result);
}

/* translate(table): table[ord(c)] for each character: a str replaces it, an int is a code point, None
 * deletes it; a LookupError (IndexError, KeyError) keeps the character. */
bool str_translate(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (!str_method_args(vm, "translate", args, argc, 1, 1, ARITY_CLINIC)) return false;
    const ObjString *s = AS_STRING(args[0]);
    StrBuf b;
    strbuf_init(&b);
    bool ok = true;
    for (size_t i = 0; i < s->length && ok && !b.failed;) {
        size_t start = i;
        uint32_t cp = str_next_code_point(s->chars, &i);
        Value mapped;
        if (!value_subscript(vm, args[1], int_value(cp), &mapped)) {
            if (vm->exc != EXC_INDEX_ERROR && vm->exc != EXC_KEY_ERROR) {
                ok = false;
                break;
            }
            vm_clear_error(vm);
            strbuf_append(vm, &b, s->chars + start, i - start);
        } else if (IS_STRING(mapped)) {
            strbuf_append(vm, &b, AS_STRING(mapped)->chars, AS_STRING(mapped)->length);
        } else if (IS_INT(mapped)) {
            if (AS_INT(mapped) < 0 || AS_INT(mapped) > 0x10ffff) {
                ok = vm_raise(vm, EXC_VALUE_ERROR, "character mapping must be in range(0x110000)");
                break;
            }
            if (AS_INT(mapped) >= 0xd800 && AS_INT(mapped) <= 0xdfff) {
                ok = vm_raise(vm, EXC_VALUE_ERROR, "surrogate code points are not supported by cpvm");
                break;
            }
            char utf8[4];
            strbuf_append(vm, &b, utf8, (size_t)utf8_encode((uint32_t)AS_INT(mapped), utf8));
        } else if (!IS_NONE(mapped)) {
            ok = vm_raise(vm, EXC_TYPE_ERROR, "character mapping must return integer, None or str");
        }
    }
    if (!ok) {
        strbuf_free(vm, &b);
        return false;
    }
    return strbuf_result(vm, &b, result);
}

/* str.maketrans(x[, y[, z]]), a static method: the table translate() reads. One argument: a dict whose
 * keys (code points or one-character strs) become code points. Two or three: strs, x[i] maps to y[i] and
 * each character of z to None. */
typedef struct {
    Value table, source; /* the new dict, the argument dict (both rooted by the caller) */
} MakeTrans;

static int copy_translation(Vm *vm, Value key, void *ctx) {
    MakeTrans *m = ctx;
    Value value;
    if (dict_get(vm, AS_DICT(m->source), key, &value) != 1) return -1;
    if (IS_STRING(key)) {
        const ObjString *k = AS_STRING(key);
        size_t i = 0;
        uint32_t cp = k->length > 0 ? str_next_code_point(k->chars, &i) : 0;
        if (k->length == 0 || i != k->length) {
            vm_raise(vm, EXC_VALUE_ERROR, "string keys in translate table must be of length 1");
            return -1;
        }
        key = int_value(cp);
    } else if (!IS_INT(key) && !IS_BOOL(key)) {
        vm_raise(vm, EXC_TYPE_ERROR, "keys in translate table must be strings or integers");
        return -1;
    }
    return dict_set(vm, AS_DICT(m->table), IS_BOOL(key) ? int_value(AS_BOOL(key)) : key, value) ? 1 : -1;
}

static bool map_strs(Vm *vm, ObjDict *table, Value *args, int argc) {
    for (int a = 1; a < argc; a++) {
        if (!IS_STRING(args[a])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "maketrans() argument %d must be str, not %s", a + 1,
                            value_type_name(args[a]));
        }
    }
    const ObjString *x = AS_STRING(args[0]), *y = AS_STRING(args[1]);
    if (x->char_count != y->char_count) {
        return vm_raise(vm, EXC_VALUE_ERROR, "the first two maketrans arguments must have equal length");
    }
    for (size_t i = 0, j = 0; i < x->length;) {
        uint32_t from = str_next_code_point(x->chars, &i), to = str_next_code_point(y->chars, &j);
        if (!dict_set(vm, table, int_value(from), int_value(to))) return false;
    }
    if (argc == 3) {
        const ObjString *z = AS_STRING(args[2]);
        for (size_t i = 0; i < z->length;) {
            if (!dict_set(vm, table, int_value(str_next_code_point(z->chars, &i)), none_value())) return false;
        }
    }
    return true;
}

bool str_maketrans(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    (void)kwnames;
    if (argc < 1) return vm_raise(vm, EXC_TYPE_ERROR, "maketrans expected at least 1 argument, got %d", argc);
    if (argc > 3) return vm_raise(vm, EXC_TYPE_ERROR, "maketrans expected at most 3 arguments, got %d", argc);
    if (argc == 1 && !IS_DICT(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "if you give only one argument to maketrans it must be a dict");
    }
    if (argc > 1 && !IS_STRING(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "first maketrans argument must be a string if there is a second argument");
    }
    ObjDict *table = dict_new(vm);
    if (table == NULL) return false;
    vm_push_root(vm, obj_value(&table->obj));
    bool ok;
    if (argc == 1) {
        MakeTrans m = {obj_value(&table->obj), args[0]};
        ok = for_each(vm, args[0], copy_translation, &m);
    } else {
        ok = map_strs(vm, table, args, argc);
    }
    vm_pop_root(vm);
    *result = obj_value(&table->obj);
    return ok;
}
