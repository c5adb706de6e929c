/* builtins.c: the builtin functions (print, len, range, int, ...), each an ObjBuiltin whose NativeFn
 * follows CPython 3.11's behaviour and messages; the math and sys modules are modules/math.c and sys.c,
 * the list methods objects/list_methods.c.
 *
 * vm_new calls builtins_init once (with the GC paused); calls.c calls the NativeFns with their arguments
 * on the VM stack, so arguments are GC roots. Any object a builtin creates while it makes another is held
 * in vm->temp_roots. Arithmetic and comparison come from ops/arith.c and the objects' slots.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modules/builtins.h"
#include "core/vm.h"
#include "objects/object.h"
#include "objects/args.h"
#include "core/unicode.h"
#include "ops/runtime.h"

/* --- print, len, range, str, repr ---------------------------------------------------------------------- */

static bool text_keyword(Vm *vm, Value v, const char *name, Value *out) {
    if (!IS_NONE(v) && !IS_STRING(v)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "%s must be None or a string, not %s", name, value_type_name(v));
    }
    *out = v;
    return true;
}

/* Appends the str [v] to [b], or [fallback] when v is None. */
static bool write_text(Vm *vm, StrBuf *b, Value v, const char *fallback) {
    if (!IS_NONE(v)) return value_write_str(vm, b, v);
    strbuf_append_cstr(vm, b, fallback);
    return true;
}

NATIVE(builtin_print) {
    int npos = positional_count(argc, kwnames);
    Value sep = none_value(), end = none_value();
    bool flush = false;
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        Value v = args[npos + (int)k];
        if (is_keyword(kwnames, k, "sep")) {
            if (!text_keyword(vm, v, "sep", &sep)) return false;
        } else if (is_keyword(kwnames, k, "end")) {
            if (!text_keyword(vm, v, "end", &end)) return false;
        } else if (is_keyword(kwnames, k, "flush")) {
            flush = rt_truthy(v);
        } else if (is_keyword(kwnames, k, "file") && IS_NONE(v)) {
            /* file=None means sys.stdout; cpvm has no file objects for anything else */
        } else {
            return invalid_keyword(vm, kwnames, k, "print");
        }
    }
    StrBuf b;
    strbuf_init(&b);
    bool ok = true;
    for (int i = 0; i < npos && ok; i++) {
        if (i > 0) ok = write_text(vm, &b, sep, " ");
        if (ok) ok = value_write_str(vm, &b, args[i]);
    }
    ok = ok && write_text(vm, &b, end, "\n") && !b.failed;
    if (ok && b.length > 0) fwrite(b.chars, 1, b.length, vm->out);
    if (ok && flush) fflush(vm->out);
    strbuf_free(vm, &b);
    *result = none_value();
    return ok;
}

NATIVE(builtin_len) {
    (void)kwnames;
    if (!exactly_one(vm, "len", argc)) return false;
    Value v = args[0];
    int64_t n;
    if (IS_LIST(v)) n = AS_LIST(v)->count;
    else if (IS_TUPLE(v)) n = AS_TUPLE(v)->count;
    else if (IS_STRING(v)) n = AS_STRING(v)->char_count;
    else if (IS_RANGE(v)) {
        if (!range_length(vm, AS_RANGE(v), &n)) return false;
    } else if (!value_len(vm, v, &n)) { /* any other type's len slot (bytes, bytearray) */
        return false;
    }
    *result = int_value(n);
    return true;
}

NATIVE(builtin_range) {
    (void)kwnames;
    if (argc < 1) return vm_raise(vm, EXC_TYPE_ERROR, "range expected at least 1 argument, got %d", argc);
    if (argc > 3) return vm_raise(vm, EXC_TYPE_ERROR, "range expected at most 3 arguments, got %d", argc);
    int64_t part[3] = {0, 0, 1};
    for (int i = 0; i < argc; i++) {
        if (!int_arg(vm, args[i], &part[argc == 1 ? 1 : i])) return false;
    }
    if (part[2] == 0) return vm_raise(vm, EXC_VALUE_ERROR, "range() arg 3 must not be zero");
    ObjRange *range = range_new(vm, part[0], part[1], part[2]);
    if (range == NULL) return false;
    *result = obj_value(&range->obj);
    return true;
}

NATIVE(builtin_str) {
    (void)kwnames;
    if (argc == 0) {
        ObjString *empty = string_copy(vm, "", 0);
        if (empty == NULL) return false;
        *result = obj_value(&empty->obj);
        return true;
    }
    if (argc > 3) return vm_raise(vm, EXC_TYPE_ERROR, "str() takes at most 3 arguments (%d given)", argc);
    if (argc > 1 && is_byteslike(args[0])) return bytes_decode(vm, args, argc, NULL, result); /* str(b, encoding) */
    if (argc > 1) {
        return vm_raise(vm, EXC_TYPE_ERROR, "decoding to str: need a bytes-like object, %s found",
                        value_type_name(args[0]));
    }
    if (IS_STRING(args[0])) {
        *result = args[0];
        return true;
    }
    ObjString *s = value_to_string(vm, args[0]);
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}

NATIVE(builtin_repr) {
    (void)kwnames;
    if (!exactly_one(vm, "repr", argc)) return false;
    StrBuf b;
    strbuf_init(&b);
    if (!value_write_repr(vm, &b, args[0])) {
        strbuf_free(vm, &b);
        return false;
    }
    return strbuf_result(vm, &b, result);
}

/* --- int, float, bool ------------------------------------------------------------------------------------ */

/* Python's whitespace within ASCII, which int() and float() strip: \x1c-\x1f count too. */
static bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

typedef enum { PARSE_OK, PARSE_INVALID, PARSE_OVERFLOW } ParseStatus;

/* Parses an int literal as int(s, base) does: surrounding whitespace, a sign, a 0x/0o/0b prefix (which
 * base 0 requires to pick the base), single underscores between digits. Base 0 rejects "010", as Python
 * source does. */
static ParseStatus parse_int(const char *s, size_t n, int base, int64_t *out) {
    size_t i = 0;
    while (i < n && is_space(s[i])) i++;
    bool negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
    bool zeros_only = false;
    if (i + 1 < n && s[i] == '0') {
        char p = (char)tolower((unsigned char)s[i + 1]);
        int prefix_base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (prefix_base != 0 && (base == 0 || base == prefix_base)) {
            base = prefix_base;
            i += 2;
            if (i < n && s[i] == '_') i++; /* 0x_ff is allowed */
        }
    }
    if (base == 0) {
        zeros_only = i < n && s[i] == '0';
        base = 10;
    }
    uint64_t limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    uint64_t value = 0;
    bool overflow = false, after_underscore = false;
    size_t ndigits = 0;
    for (; i < n; i++) {
        if (s[i] == '_') {
            if (ndigits == 0 || after_underscore) return PARSE_INVALID;
            after_underscore = true;
            continue;
        }
        int d = digit_value(s[i]);
        if (d >= base) break;
        if (zeros_only && d != 0) return PARSE_INVALID;
        after_underscore = false;
        ndigits++;
        if (value > (limit - (uint64_t)d) / (uint64_t)base) overflow = true;
        else value = value * (uint64_t)base + (uint64_t)d;
    }
    if (after_underscore || ndigits == 0) return PARSE_INVALID;
    while (i < n && is_space(s[i])) i++;
    if (i != n) return PARSE_INVALID;
    if (overflow) return PARSE_OVERFLOW;
    *out = negative ? (int64_t)(0 - value) : (int64_t)value;
    return PARSE_OK;
}

static bool int_from_string(Vm *vm, Value v, int base, Value *result) {
    ObjString *s = AS_STRING(v);
    int64_t i;
    switch (parse_int(s->chars, s->length, base, &i)) {
    case PARSE_OK: *result = int_value(i); return true;
    case PARSE_OVERFLOW: return vm_raise(vm, EXC_OVERFLOW_ERROR, "integer overflow");
    case PARSE_INVALID: break;
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "invalid literal for int() with base %d: ", base);
    return raise_with_repr(vm, EXC_VALUE_ERROR, prefix, v, "");
}

NATIVE(builtin_int) {
    (void)kwnames;
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "int() takes at most 2 arguments (%d given)", argc);
    if (argc == 0) {
        *result = int_value(0);
        return true;
    }
    Value v = args[0];
    if (argc == 2) {
        int64_t base;
        if (!int_arg(vm, args[1], &base)) return false;
        if ((base != 0 && base < 2) || base > 36) {
            return vm_raise(vm, EXC_VALUE_ERROR, "int() base must be >= 2 and <= 36, or 0");
        }
        if (!IS_STRING(v)) return vm_raise(vm, EXC_TYPE_ERROR, "int() can't convert non-string with explicit base");
        return int_from_string(vm, v, (int)base, result);
    }
    int64_t i;
    if (IS_INT(v)) *result = v;
    else if (IS_BOOL(v)) *result = int_value(AS_BOOL(v));
    else if (IS_FLOAT(v)) {
        if (!float_to_int(vm, AS_FLOAT(v), &i)) return false;
        *result = int_value(i);
    } else if (IS_STRING(v)) {
        return int_from_string(vm, v, 10, result);
    } else {
        return vm_raise(vm, EXC_TYPE_ERROR,
                        "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                        value_type_name(v));
    }
    return true;
}

/* Case-insensitive match of s[0, n) against [word]. */
static bool is_word(const char *s, size_t n, const char *word) {
    if (strlen(word) != n) return false;
    for (size_t i = 0; i < n; i++) {
        if (tolower((unsigned char)s[i]) != word[i]) return false;
    }
    return true;
}

/* Copies the digits at s[*i] to out (underscores dropped); false if there are none or an underscore is
 * not between two digits. */
static bool copy_digits(const char *s, size_t n, size_t *i, char *out, size_t *o) {
    if (*i >= n || !isdigit((unsigned char)s[*i])) return false;
    while (*i < n) {
        if (s[*i] == '_') {
            if (*i + 1 >= n || !isdigit((unsigned char)s[*i + 1])) return false;
            (*i)++;
        } else if (!isdigit((unsigned char)s[*i])) {
            break;
        }
        out[(*o)++] = s[(*i)++];
    }
    return true;
}

/* Parses a float literal as float(str) does, into a clean copy for strtod; hex floats are not accepted. */
static bool parse_float(const char *s, size_t n, char *clean, double *out) {
    while (n > 0 && is_space(s[n - 1])) n--;
    while (n > 0 && is_space(*s)) s++, n--;
    size_t i = 0, o = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) clean[o++] = s[i++];
    if (is_word(s + i, n - i, "inf") || is_word(s + i, n - i, "infinity")) {
        *out = o > 0 && clean[0] == '-' ? -INFINITY : INFINITY;
        return true;
    }
    if (is_word(s + i, n - i, "nan")) {
        *out = NAN;
        return true;
    }
    bool whole = copy_digits(s, n, &i, clean, &o);
    if (i < n && s[i] == '_') return false;
    bool fraction = false;
    if (i < n && s[i] == '.') {
        clean[o++] = s[i++];
        fraction = copy_digits(s, n, &i, clean, &o);
        if (!fraction && i < n && s[i] == '_') return false;
    }
    if (!whole && !fraction) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        clean[o++] = s[i++];
        if (i < n && (s[i] == '+' || s[i] == '-')) clean[o++] = s[i++];
        if (!copy_digits(s, n, &i, clean, &o)) return false;
    }
    if (i != n) return false;
    clean[o] = '\0';
    *out = strtod(clean, NULL);
    return true;
}

NATIVE(builtin_float) {
    (void)kwnames;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "float expected at most 1 argument, got %d", argc);
    if (argc == 0) {
        *result = float_value(0.0);
        return true;
    }
    Value v = args[0];
    if (IS_FLOAT(v)) *result = v;
    else if (IS_INT(v)) *result = float_value((double)AS_INT(v));
    else if (IS_BOOL(v)) *result = float_value(AS_BOOL(v));
    else if (IS_STRING(v)) {
        ObjString *s = AS_STRING(v);
        char *clean = VM_ALLOCATE(vm, char, (size_t)s->length + 1);
        if (clean == NULL) return false;
        double d;
        bool ok = parse_float(s->chars, s->length, clean, &d);
        VM_FREE_ARRAY(vm, char, clean, (size_t)s->length + 1);
        if (!ok) return raise_with_repr(vm, EXC_VALUE_ERROR, "could not convert string to float: ", v, "");
        *result = float_value(d);
    } else {
        return vm_raise(vm, EXC_TYPE_ERROR, "float() argument must be a string or a real number, not '%s'",
                        value_type_name(v));
    }
    return true;
}

NATIVE(builtin_bool) {
    (void)kwnames;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "bool expected at most 1 argument, got %d", argc);
    *result = bool_value(argc == 1 && rt_truthy(args[0]));
    return true;
}

/* --- Numbers: abs, round, pow, divmod, chr, ord ----------------------------------------------------------- */

NATIVE(builtin_abs) {
    (void)kwnames;
    if (!exactly_one(vm, "abs", argc)) return false;
    Value v = args[0];
    if (IS_INT(v)) {
        if (AS_INT(v) == INT64_MIN) return vm_raise(vm, EXC_OVERFLOW_ERROR, "integer overflow");
        *result = int_value(AS_INT(v) < 0 ? -AS_INT(v) : AS_INT(v));
    } else if (IS_BOOL(v)) {
        *result = int_value(AS_BOOL(v));
    } else if (IS_FLOAT(v)) {
        *result = float_value(fabs(AS_FLOAT(v)));
    } else {
        return vm_raise(vm, EXC_TYPE_ERROR, "bad operand type for abs(): '%s'", value_type_name(v));
    }
    return true;
}

/* round(x) for a float: the nearest int, ties to even (CPython's float.__round__). */
static bool round_float_to_int(Vm *vm, double x, Value *result) {
    double rounded = round(x);
    if (fabs(x - rounded) == 0.5) rounded = 2.0 * round(x / 2.0);
    int64_t i;
    if (!float_to_int(vm, rounded, &i)) return false;
    *result = int_value(i);
    return true;
}

/* Adds one to the decimal digits digits[0, n) in place; returns true if a carry comes out the top. */
static bool increment_digits(char *digits, size_t n) {
    for (size_t i = n; i-- > 0;) {
        if (digits[i] != '9') {
            digits[i]++;
            return false;
        }
        digits[i] = '0';
    }
    return true;
}

/* round(x, ndigits) for a float: rounds the exact binary value to a decimal place, ties to even, as
 * CPython's dtoa-based double_round does. glibc's printf is exact, so "%.*f" does it for ndigits >= 0;
 * for ndigits < 0 we round the exact integer digits ourselves. */
static bool round_float(Vm *vm, double x, int64_t ndigits, Value *result) {
    if (!isfinite(x) || x == 0.0 || ndigits > 323) {
        *result = float_value(x);
        return true;
    }
    if (ndigits < -308) {
        *result = float_value(0.0 * x);
        return true;
    }
    char buf[720];
    double rounded;
    if (ndigits >= 0) {
        snprintf(buf, sizeof buf, "%.*f", (int)ndigits, x);
        rounded = strtod(buf, NULL);
    } else {
        double ax = fabs(x), whole = trunc(ax);
        size_t n = (size_t)snprintf(buf + 1, sizeof buf - 1, "%.0f", whole); /* buf[0] takes a carry */
        size_t k = (size_t)-ndigits;
        char *digits = buf + 1;
        if (k > n) {
            rounded = 0.0;
        } else {
            /* digits[0, n-k) are kept; digits[n-k, n) plus the fraction decide the rounding */
            size_t keep = n - k;
            char first = digits[keep];
            bool rest_zero = ax == whole;
            for (size_t i = keep + 1; i < n && rest_zero; i++) rest_zero = digits[i] == '0';
            bool odd = keep > 0 && (digits[keep - 1] - '0') % 2 == 1;
            bool up = first > '5' || (first == '5' && (!rest_zero || odd));
            char *start = digits;
            if (up) {
                if (keep == 0 || increment_digits(digits, keep)) {
                    start = buf;
                    buf[0] = '1';
                    keep++;
                }
            }
            memset(start + keep, '0', k);
            start[keep + k] = '\0';
            rounded = strtod(start, NULL);
        }
        rounded = copysign(rounded, x);
    }
    if (isinf(rounded)) return vm_raise(vm, EXC_OVERFLOW_ERROR, "rounded value too large to represent");
    *result = float_value(rounded);
    return true;
}

/* round(i, ndigits) for an int and ndigits < 0: to a multiple of 10**-ndigits, ties to even. */
static bool round_int(Vm *vm, int64_t x, int64_t ndigits, Value *result) {
    if (ndigits >= 0) {
        *result = int_value(x);
        return true;
    }
    if (ndigits < -18) { /* |x| < 9.3e18 < 10**19 / 2, so it rounds to 0 */
        *result = int_value(0);
        return true;
    }
    int64_t unit = 1;
    for (int64_t i = 0; i < -ndigits; i++) unit *= 10;
    int64_t q = int_floor_div(x, unit), r = int_floor_mod(x, unit);
    if (2 * r > unit || (2 * r == unit && (q & 1))) q++;
    int64_t rounded;
    if (__builtin_mul_overflow(q, unit, &rounded)) return vm_raise(vm, EXC_OVERFLOW_ERROR, "integer overflow");
    *result = int_value(rounded);
    return true;
}

NATIVE(builtin_round) {
    (void)kwnames;
    if (argc == 0) return vm_raise(vm, EXC_TYPE_ERROR, "round() missing required argument 'number' (pos 1)");
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "round() takes at most 2 arguments (%d given)", argc);
    Value x = args[0];
    if (!IS_INT(x) && !IS_BOOL(x) && !IS_FLOAT(x)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "type %s doesn't define __round__ method", value_type_name(x));
    }
    int64_t i = IS_BOOL(x) ? AS_BOOL(x) : IS_INT(x) ? AS_INT(x) : 0;
    if (argc == 1 || IS_NONE(args[1])) {
        if (IS_FLOAT(x)) return round_float_to_int(vm, AS_FLOAT(x), result);
        *result = int_value(i);
        return true;
    }
    int64_t ndigits;
    if (!int_arg(vm, args[1], &ndigits)) return false;
    if (IS_FLOAT(x)) return round_float(vm, AS_FLOAT(x), ndigits, result);
    return round_int(vm, i, ndigits, result);
}

/* (base ** exp) % mod for ints, with a negative exp meaning the modular inverse (Python 3.8+). */
static bool pow_mod(Vm *vm, int64_t base, int64_t exp, int64_t mod, Value *result) {
    if (mod == 0) return vm_raise(vm, EXC_VALUE_ERROR, "pow() 3rd argument cannot be 0");
    __int128 m = mod < 0 ? -(__int128)mod : mod;
    __int128 b = ((base % m) + m) % m;
    if (exp < 0) {
        /* extended Euclid: b * inverse = 1 (mod m) */
        __int128 r0 = m, r1 = b, t0 = 0, t1 = 1;
        while (r1 != 0) {
            __int128 q = r0 / r1, r = r0 - q * r1, t = t0 - q * t1;
            r0 = r1, r1 = r, t0 = t1, t1 = t;
        }
        if (r0 != 1) return vm_raise(vm, EXC_VALUE_ERROR, "base is not invertible for the given modulus");
        b = ((t0 % m) + m) % m;
    }
    uint64_t e = exp < 0 ? 0 - (uint64_t)exp : (uint64_t)exp; /* 0 - x: -INT64_MIN would overflow */
    __int128 acc = 1 % m;
    for (; e != 0; e >>= 1) {
        if (e & 1) acc = acc * b % m;
        b = b * b % m;
    }
    if (mod < 0 && acc != 0) acc -= m; /* the result takes the sign of the modulus */
    *result = int_value((int64_t)acc);
    return true;
}

NATIVE(builtin_pow) {
    (void)kwnames;
    if (argc < 2) {
        return vm_raise(vm, EXC_TYPE_ERROR, "pow() missing required argument '%s' (pos %d)", argc == 0 ? "base" : "exp",
                        argc + 1);
    }
    if (argc > 3) return vm_raise(vm, EXC_TYPE_ERROR, "pow() takes at most 3 arguments (%d given)", argc);
    if (argc == 2 || IS_NONE(args[2])) return rt_binary_op(vm, NB_POWER, args[0], args[1], result);
    int64_t n[3];
    for (int i = 0; i < 3; i++) {
        if (IS_INT(args[i])) n[i] = AS_INT(args[i]);
        else if (IS_BOOL(args[i])) n[i] = AS_BOOL(args[i]);
        else return vm_raise(vm, EXC_TYPE_ERROR, "pow() 3rd argument not allowed unless all arguments are integers");
    }
    return pow_mod(vm, n[0], n[1], n[2], result);
}

NATIVE(builtin_divmod) {
    (void)kwnames;
    if (argc != 2) return vm_raise(vm, EXC_TYPE_ERROR, "divmod expected 2 arguments, got %d", argc);
    /* float_divmod names itself; the // and % it is made of would say "float floor division by zero". */
    bool numbers = (IS_INT(args[0]) || IS_BOOL(args[0]) || IS_FLOAT(args[0])) &&
                   (IS_INT(args[1]) || IS_BOOL(args[1]) || IS_FLOAT(args[1]));
    if (numbers && (IS_FLOAT(args[0]) || IS_FLOAT(args[1]))) {
        double divisor = IS_FLOAT(args[1]) ? AS_FLOAT(args[1]) : IS_INT(args[1]) ? (double)AS_INT(args[1]) : AS_BOOL(args[1]);
        if (divisor == 0.0) return vm_raise(vm, EXC_ZERO_DIVISION_ERROR, "float divmod()");
    }
    Value q, r;
    if (!rt_binary_op(vm, NB_FLOOR_DIVIDE, args[0], args[1], &q)) return false;
    if (!rt_binary_op(vm, NB_REMAINDER, args[0], args[1], &r)) return false;
    ObjTuple *pair = tuple_new(vm, 2); /* q and r are numbers: nothing to root */
    if (pair == NULL) return false;
    pair->items[0] = q;
    pair->items[1] = r;
    *result = obj_value(&pair->obj);
    return true;
}

NATIVE(builtin_chr) {
    (void)kwnames;
    if (!exactly_one(vm, "chr", argc)) return false;
    int64_t cp;
    if (!int_arg(vm, args[0], &cp)) return false;
    if (cp < 0 || cp > 0x10FFFF) return vm_raise(vm, EXC_VALUE_ERROR, "chr() arg not in range(0x110000)");
    if (cp >= 0xD800 && cp <= 0xDFFF) {
        /* CPython allows lone surrogates; cpvm strings are valid UTF-8, which cannot hold them. */
        return vm_raise(vm, EXC_VALUE_ERROR, "chr() arg is a surrogate, which cpvm strings cannot hold");
    }
    char utf8[4];
    size_t n = (size_t)utf8_encode((uint32_t)cp, utf8);
    ObjString *s = string_copy(vm, utf8, n);
    if (s == NULL) return false;
    *result = obj_value(&s->obj);
    return true;
}

NATIVE(builtin_ord) {
    (void)kwnames;
    if (!exactly_one(vm, "ord", argc)) return false;
    if (!IS_STRING(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "ord() expected string of length 1, but %s found",
                        value_type_name(args[0]));
    }
    ObjString *s = AS_STRING(args[0]);
    if (s->char_count != 1) {
        return vm_raise(vm, EXC_TYPE_ERROR, "ord() expected a character, but string of length %u found",
                        s->char_count);
    }
    uint32_t cp = 0;
    utf8_decode(s->chars, s->length, &cp); /* one character of a str: valid UTF-8 */
    *result = int_value(cp);
    return true;
}

/* --- Iterables: min, max, sum, any, all, list, tuple, sorted --------------------------------------------- */

typedef struct {
    int op;        /* CMP_GT for max, CMP_LT for min: an item replaces the best only if strictly better */
    int root_slot; /* temp root holding the best so far */
    bool found;
} MinMax;

static int visit_minmax(Vm *vm, Value item, void *ctx) {
    MinMax *m = ctx;
    if (m->found) {
        Value best = vm->temp_roots[m->root_slot];
        bool better;
        if (IS_INT(item) && IS_INT(best)) {
            better = compare_ints(m->op, AS_INT(item), AS_INT(best));
        } else {
            Value r;
            if (!rt_compare(vm, m->op, item, best, &r)) return -1;
            better = rt_truthy(r);
        }
        if (!better) return 1;
    }
    vm->temp_roots[m->root_slot] = item;
    m->found = true;
    return 1;
}

static bool min_max(Vm *vm, Value *args, int argc, int op, const char *name, Value *result) {
    if (argc == 0) return vm_raise(vm, EXC_TYPE_ERROR, "%s expected at least 1 argument, got 0", name);
    MinMax m = {op, vm->temp_root_count, false};
    vm_push_root(vm, none_value());
    bool ok = true;
    if (argc == 1) {
        ok = for_each(vm, args[0], visit_minmax, &m);
    } else {
        for (int i = 0; i < argc && ok; i++) ok = visit_minmax(vm, args[i], &m) >= 0;
    }
    Value best = vm->temp_roots[m.root_slot];
    vm_pop_root(vm);
    if (!ok) return false;
    if (!m.found) return vm_raise(vm, EXC_VALUE_ERROR, "%s() arg is an empty sequence", name);
    *result = best;
    return true;
}

NATIVE(builtin_max) {
    (void)kwnames;
    return min_max(vm, args, argc, CMP_GT, "max", result);
}

NATIVE(builtin_min) {
    (void)kwnames;
    return min_max(vm, args, argc, CMP_LT, "min", result);
}

static int visit_sum(Vm *vm, Value item, void *ctx) {
    int slot = *(int *)ctx;
    Value total = vm->temp_roots[slot];
    int64_t i;
    if (IS_INT(total) && IS_INT(item) && !__builtin_add_overflow(AS_INT(total), AS_INT(item), &i)) {
        vm->temp_roots[slot] = int_value(i);
        return 1;
    }
    Value sum;
    if (!rt_binary_op(vm, NB_ADD, total, item, &sum)) return -1;
    vm->temp_roots[slot] = sum;
    return 1;
}

NATIVE(builtin_sum) {
    int npos = positional_count(argc, kwnames);
    Value start = int_value(0);
    if (npos == 0) return vm_raise(vm, EXC_TYPE_ERROR, "sum() takes at least 1 positional argument (0 given)");
    if (argc > 2) return vm_raise(vm, EXC_TYPE_ERROR, "sum() takes at most 2 arguments (%d given)", argc);
    if (argc == 2) start = args[1];
    if (kwnames != NULL && !is_keyword(kwnames, 0, "start")) return invalid_keyword(vm, kwnames, 0, "sum");
    if (IS_STRING(start)) {
        return vm_raise(vm, EXC_TYPE_ERROR, "sum() can't sum strings [use ''.join(seq) instead]");
    }
    int slot = vm->temp_root_count;
    vm_push_root(vm, start);
    bool ok = for_each(vm, args[0], visit_sum, &slot);
    *result = vm->temp_roots[slot];
    vm_pop_root(vm);
    return ok;
}

/* any() stops at the first true item, all() at the first false one. */
static int visit_any(Vm *vm, Value item, void *ctx) {
    (void)vm;
    if (!rt_truthy(item)) return 1;
    *(bool *)ctx = true;
    return 0;
}

static int visit_all(Vm *vm, Value item, void *ctx) {
    (void)vm;
    if (rt_truthy(item)) return 1;
    *(bool *)ctx = false;
    return 0;
}

NATIVE(builtin_any) {
    (void)kwnames;
    if (!exactly_one(vm, "any", argc)) return false;
    bool found = false;
    if (!for_each(vm, args[0], visit_any, &found)) return false;
    *result = bool_value(found);
    return true;
}

NATIVE(builtin_all) {
    (void)kwnames;
    if (!exactly_one(vm, "all", argc)) return false;
    bool all = true;
    if (!for_each(vm, args[0], visit_all, &all)) return false;
    *result = bool_value(all);
    return true;
}

NATIVE(builtin_list) {
    (void)kwnames;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "list expected at most 1 argument, got %d", argc);
    ObjList *list = argc == 0 ? list_new(vm, 0) : list_from_iterable(vm, args[0]);
    if (list == NULL) return false;
    *result = obj_value(&list->obj);
    return true;
}

NATIVE(builtin_tuple) {
    (void)kwnames;
    if (argc > 1) return vm_raise(vm, EXC_TYPE_ERROR, "tuple expected at most 1 argument, got %d", argc);
    if (argc == 1 && IS_TUPLE(args[0])) {
        *result = args[0];
        return true;
    }
    if (argc == 1 && IS_LIST(args[0])) {
        return rt_build_tuple(vm, AS_LIST(args[0])->items, AS_LIST(args[0])->count, result);
    }
    ObjList *list = argc == 0 ? list_new(vm, 0) : list_from_iterable(vm, args[0]);
    if (list == NULL) return false;
    vm_push_root(vm, obj_value(&list->obj));
    bool ok = rt_build_tuple(vm, list->items, list->count, result);
    vm_pop_root(vm);
    return ok;
}

NATIVE(builtin_sorted) {
    int npos = positional_count(argc, kwnames);
    if (npos != 1) return vm_raise(vm, EXC_TYPE_ERROR, "sorted expected 1 argument, got %d", npos);
    ObjList *list = list_from_iterable(vm, args[0]);
    if (list == NULL) return false;
    vm_push_root(vm, obj_value(&list->obj));
    bool ok = list_sort(vm, list, args + 1, kwnames);
    vm_pop_root(vm);
    *result = obj_value(&list->obj);
    return ok;
}

/* --- Tables and initialisation ------------------------------------------------------------------------------ */

static const MethodDef builtin_defs[] = {
    {"print", builtin_print, true}, {"len", builtin_len, false},     {"range", builtin_range, false},
    {"str", builtin_str, false},    {"repr", builtin_repr, false},   {"int", builtin_int, false},
    {"float", builtin_float, false}, {"bool", builtin_bool, false},  {"abs", builtin_abs, false},
    {"min", builtin_min, false},    {"max", builtin_max, false},     {"sum", builtin_sum, true},
    {"any", builtin_any, false},    {"all", builtin_all, false},     {"list", builtin_list, false},
    {"tuple", builtin_tuple, false}, {"round", builtin_round, false}, {"pow", builtin_pow, false},
    {"divmod", builtin_divmod, false}, {"chr", builtin_chr, false},  {"ord", builtin_ord, false},
    {"sorted", builtin_sorted, true},
    {"format", builtin_format, false}, {"ascii", builtin_ascii, false}, {"bytes", builtin_bytes, false},
    {"bytearray", builtin_bytearray, false},
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static bool add_builtin(Vm *vm, const char *name, Value value) {
    ObjString *s = string_from_cstr(vm, name);
    if (s == NULL) return false;
    vm->builtin_names[vm->nbuiltins] = s;
    vm->builtin_values[vm->nbuiltins] = value;
    vm->nbuiltins++;
    return true;
}

/* vm_new pauses the GC around this, so the objects made here need no rooting until they are stored. */
bool builtins_init(Vm *vm) {
    uint32_t count = COUNT_OF(builtin_defs) + 2; /* + the math and sys modules */
    vm->builtin_names = VM_ALLOCATE(vm, ObjString *, count);
    vm->builtin_values = VM_ALLOCATE(vm, Value, count);
    if (vm->builtin_names == NULL || vm->builtin_values == NULL) return false;
    vm->nbuiltins = 0;
    for (size_t k = 0; k < COUNT_OF(builtin_defs); k++) {
        const MethodDef *def = &builtin_defs[k];
        ObjBuiltin *fn = builtin_new(vm, def->name, def->fn, def->accepts_keywords);
        if (fn == NULL || !add_builtin(vm, def->name, obj_value(&fn->obj))) return false;
    }
    ObjModule *math = math_module_new(vm);
    if (math == NULL || !add_builtin(vm, "math", obj_value(&math->obj))) return false;
    vm->sys_module = sys_module_new(vm);
    if (vm->sys_module == NULL || !add_builtin(vm, "sys", obj_value(&vm->sys_module->obj))) return false;
    return true;
}

