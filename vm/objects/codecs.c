/* codecs.c: str.encode and bytes.decode for UTF-8, ASCII and Latin-1, with the errors= handlers
 * strict, ignore and replace, and CPython's UnicodeEncodeError and UnicodeDecodeError messages.
 *
 * An error names the run of characters (encoding) or the bytes (decoding) that failed:
 * "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)". The UTF-8 decoder
 * follows CPython's: it rejects what utf8_decode rejects (overlong forms, surrogates, past U+10FFFF) and
 * tells an invalid start byte from an invalid continuation and from data that ends too soon; "replace"
 * puts one U+FFFD for each maximal invalid subpart, as Unicode recommends and CPython does.
 */
#include <string.h>

#include "core/unicode.h"
#include "core/vm.h"
#include "objects/args.h"
#include "objects/object.h"
#include "objects/str_methods.h"

typedef enum { CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1 } Codec;
typedef enum { ON_ERROR_STRICT, ON_ERROR_IGNORE, ON_ERROR_REPLACE } ErrorHandler;

static const char *const codec_names[] = {"utf-8", "ascii", "latin-1"};

/* CPython's normalisation: case and '_' against '-' do not matter ("UTF_8", "Latin1"). */
static bool lookup_codec(Vm *vm, const char *name, Codec *codec) {
    char normal[32];
    size_t n = 0;
    for (; name[n] != '\0' && n + 1 < sizeof normal; n++) {
        char c = name[n];
        normal[n] = c == '_' || c == ' ' ? '-' : (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    normal[n] = '\0';
    static const struct {
        const char *name;
        Codec codec;
    } aliases[] = {
        {"utf-8", CODEC_UTF8}, {"utf8", CODEC_UTF8}, {"u8", CODEC_UTF8}, {"utf", CODEC_UTF8},
        {"cp65001", CODEC_UTF8}, {"ascii", CODEC_ASCII}, {"us-ascii", CODEC_ASCII}, {"646", CODEC_ASCII},
        {"latin-1", CODEC_LATIN1}, {"latin1", CODEC_LATIN1}, {"latin", CODEC_LATIN1}, {"l1", CODEC_LATIN1},
        {"iso-8859-1", CODEC_LATIN1}, {"iso8859-1", CODEC_LATIN1}, {"8859", CODEC_LATIN1}, {"cp819", CODEC_LATIN1},
    };
    for (size_t i = 0; name[n] == '\0' && i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(normal, aliases[i].name) == 0) {
            *codec = aliases[i].codec;
            return true;
        }
    }
    return vm_raise(vm, EXC_LOOKUP_ERROR, "unknown encoding: %s", name);
}

/* The handler named [name]; CPython looks it up only when an error happens, and so does this. */
static bool lookup_handler(Vm *vm, const char *name, ErrorHandler *handler) {
    if (strcmp(name, "strict") == 0) *handler = ON_ERROR_STRICT;
    else if (strcmp(name, "ignore") == 0) *handler = ON_ERROR_IGNORE;
    else if (strcmp(name, "replace") == 0) *handler = ON_ERROR_REPLACE;
    else return vm_raise(vm, EXC_LOOKUP_ERROR, "unknown error handler name '%s'", name);
    return true;
}

/* --- Encoding --------------------------------------------------------------------------------------------- */

static bool encode_error(Vm *vm, Codec codec, const ObjString *s, uint32_t cp, int64_t start, int64_t end) {
    uint32_t limit = codec == CODEC_ASCII ? 128 : 256;
    if (end - start == 1) {
        StrBuf b;
        strbuf_init(&b);
        str_write_escape(vm, &b, cp);
        vm_raise(vm, EXC_UNICODE_ENCODE_ERROR, "'%s' codec can't encode character '%.*s' in position %lld: "
                 "ordinal not in range(%u)", codec_names[codec], (int)b.length, b.chars, (long long)start, limit);
        strbuf_free(vm, &b);
        return false;
    }
    (void)s;
    return vm_raise(vm, EXC_UNICODE_ENCODE_ERROR, "'%s' codec can't encode characters in position %lld-%lld: "
                    "ordinal not in range(%u)", codec_names[codec], (long long)start, (long long)end - 1, limit);
}

bool codec_encode(Vm *vm, const ObjString *s, const char *encoding, const char *errors, StrBuf *out) {
    Codec codec;
    if (!lookup_codec(vm, encoding, &codec)) return false;
    if (codec == CODEC_UTF8 || s->length == s->char_count) { /* every str is valid UTF-8; ASCII is all codecs' */
        strbuf_append(vm, out, s->chars, s->length);
        return !out->failed;
    }
    uint32_t limit = codec == CODEC_ASCII ? 128 : 256;
    int64_t position = 0;
    for (size_t i = 0; i < s->length; position++) {
        uint32_t cp = str_next_code_point(s->chars, &i);
        if (cp < limit) {
            char byte = (char)cp;
            strbuf_append(vm, out, &byte, 1);
            continue;
        }
        /* The run of characters this codec cannot encode, for the message. */
        int64_t end = position + 1;
        size_t j = i;
        while (j < s->length) {
            size_t k = j;
            if (str_next_code_point(s->chars, &k) < limit) break;
            j = k;
            end++;
        }
        ErrorHandler handler = ON_ERROR_STRICT;
        if (!lookup_handler(vm, errors, &handler)) return false;
        if (handler == ON_ERROR_STRICT) return encode_error(vm, codec, s, cp, position, end);
        if (handler == ON_ERROR_REPLACE) strbuf_append_repeated_char(vm, out, '?', (size_t)(end - position));
        i = j;
        position = end - 1;
    }
    return !out->failed;
}

/* The encoding and errors arguments of encode() and decode(), positional or by keyword. */
static bool codec_args(Vm *vm, const char *method, Value *args, int argc, ObjTuple *kwnames, const char **encoding,
                       const char **errors) {
    int npos = positional_count(argc, kwnames);
    if (npos > 3) return vm_raise(vm, EXC_TYPE_ERROR, "%s() takes at most 2 arguments (%d given)", method, npos - 1);
    Value values[2] = {undef_value(), undef_value()};
    for (int i = 1; i < npos; i++) values[i - 1] = args[i];
    for (uint32_t k = 0; kwnames != NULL && k < kwnames->count; k++) {
        int slot = is_keyword(kwnames, k, "encoding") ? 0 : is_keyword(kwnames, k, "errors") ? 1 : -1;
        if (slot < 0) return invalid_keyword(vm, kwnames, k, method);
        values[slot] = args[npos + (int)k];
    }
    static const char *const names[] = {"encoding", "errors"};
    const char **outs[] = {encoding, errors};
    for (int i = 0; i < 2; i++) {
        if (IS_UNDEF(values[i])) continue;
        if (!IS_STRING(values[i])) {
            return vm_raise(vm, EXC_TYPE_ERROR, "%s() argument '%s' must be str, not %s", method, names[i],
                            value_type_name(values[i]));
        }
        *outs[i] = AS_STRING(values[i])->chars;
    }
    return true;
}

bool str_encode(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    if (!str_method_args(vm, "encode", args, 1, 0, 0, ARITY_CLINIC)) return false;
    const char *encoding = "utf-8", *errors = "strict";
    if (!codec_args(vm, "encode", args, argc, kwnames, &encoding, &errors)) return false;
    StrBuf out;
    strbuf_init(&out);
    bool ok = codec_encode(vm, AS_STRING(args[0]), encoding, errors, &out) &&
              bytes_result_like(vm, none_value(), out.chars, out.length, result);
    strbuf_free(vm, &out);
    return ok;
}

/* --- Decoding --------------------------------------------------------------------------------------------- */

/* How many bytes at [p] (of [n]) form the longest start of a valid UTF-8 sequence, and why it fails:
 * "invalid start byte", "invalid continuation byte" or "unexpected end of data". */
static uint32_t invalid_utf8_prefix(const unsigned char *p, size_t n, const char **reason) {
    unsigned char c = p[0];
    int length = c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (length == 0) {
        *reason = "invalid start byte";
        return 1;
    }
    /* The second byte's range narrows after E0, ED, F0 and F4 (no overlong forms, surrogates, > U+10FFFF). */
    unsigned char low = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80, high = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
    uint32_t k = 1;
    for (; k < (uint32_t)length; k++) {
        if (k >= n) {
            *reason = "unexpected end of data";
            return k;
        }
        unsigned char lo = k == 1 ? low : 0x80, hi = k == 1 ? high : 0xBF;
        if (p[k] < lo || p[k] > hi) break;
    }
    *reason = "invalid continuation byte";
    return k;
}

static bool decode_error(Vm *vm, Codec codec, const unsigned char *data, size_t start, size_t count, const char *why) {
    if (count == 1) {
        return vm_raise(vm, EXC_UNICODE_DECODE_ERROR, "'%s' codec can't decode byte 0x%02x in position %zu: %s",
                        codec_names[codec], data[start], start, why);
    }
    return vm_raise(vm, EXC_UNICODE_DECODE_ERROR, "'%s' codec can't decode bytes in position %zu-%zu: %s",
                    codec_names[codec], start, start + count - 1, why);
}

static bool decode_into(Vm *vm, Codec codec, ByteView v, const char *errors, StrBuf *out) {
    const unsigned char *data = (const unsigned char *)v.data;
    for (size_t i = 0; i < v.length;) {
        if (data[i] < 0x80) {
            size_t start = i;
            while (i < v.length && data[i] < 0x80) i++;
            strbuf_append(vm, out, v.data + start, i - start);
            continue;
        }
        if (codec == CODEC_LATIN1) {
            char utf8[4];
            strbuf_append(vm, out, utf8, (size_t)utf8_encode(data[i++], utf8));
            continue;
        }
        uint32_t cp;
        int n = codec == CODEC_UTF8 ? utf8_decode(v.data + i, v.length - i, &cp) : 0;
        if (n > 0) {
            strbuf_append(vm, out, v.data + i, (size_t)n);
            i += (size_t)n;
            continue;
        }
        const char *why = "ordinal not in range(128)";
        uint32_t bad = codec == CODEC_UTF8 ? invalid_utf8_prefix(data + i, v.length - i, &why) : 1;
        ErrorHandler handler = ON_ERROR_STRICT;
        if (!lookup_handler(vm, errors, &handler)) return false;
        if (handler == ON_ERROR_STRICT) return decode_error(vm, codec, data, i, bad, why);
        if (handler == ON_ERROR_REPLACE) strbuf_append(vm, out, "\xEF\xBF\xBD", 3); /* U+FFFD */
        i += bad;
    }
    return !out->failed;
}

bool bytes_decode(Vm *vm, Value *args, int argc, ObjTuple *kwnames, Value *result) {
    if (argc < 1 || !is_byteslike(args[0])) {
        return vm_raise(vm, EXC_TYPE_ERROR, "descriptor 'decode' requires a 'bytes' object");
    }
    const char *encoding = "utf-8", *errors = "strict";
    if (!codec_args(vm, "decode", args, argc, kwnames, &encoding, &errors)) return false;
    Codec codec;
    if (!lookup_codec(vm, encoding, &codec)) return false;
    StrBuf out;
    strbuf_init(&out);
    if (!decode_into(vm, codec, byte_view(args[0]), errors, &out)) {
        strbuf_free(vm, &out);
        return false;
    }
    return strbuf_result(vm, &out, result);
}
