/* unicode.h: UTF-8, the encoding of every cpvm str: encode a code point, decode one, validate a buffer.
 *
 * Every str holds valid UTF-8 (objects/str.c's string_copy counts its characters with utf8_is_valid, and
 * whoever reads untrusted bytes checks them with it first: the lexer, the assembler, the .cpb reader).
 * chr(), '%c', the lexer's and the assembler's escapes encode; ord(), repr() and the lexer decode; str
 * indexing and iteration (ops/containers.c) step from character to character. The decoder and the
 * two one-byte tests are static inline because those run once per character of a str.
 */
#ifndef cpvm_unicode_h
#define cpvm_unicode_h

#include "core/common.h"

/* True when [cp] lies in one of the [count] sorted, inclusive [first, last] ranges of [ranges] (the
 * generated tables of unicode_tables.h): a binary search. */
static inline bool unicode_in_ranges(const uint32_t (*ranges)[2], size_t count, uint32_t cp) {
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < ranges[mid][0]) hi = mid;
        else if (cp > ranges[mid][1]) lo = mid + 1;
        else return true;
    }
    return false;
}

/* Writes code point [cp] (at most U+10FFFF) as UTF-8 into [out]; returns its length, 1 to 4. A
 * surrogate is encoded like any other code point: a caller that makes a str rejects surrogates first. */
int utf8_encode(uint32_t cp, char out[4]);

/* Decodes the character at [p], of which [n] bytes are there to read: returns its length, 1 to 4, with
 * the code point in [*cp]; or 0 when the bytes are not UTF-8 as Python's decoder defines it (a stray
 * continuation byte, an overlong form, a surrogate, a code point past U+10FFFF, or a character cut off
 * by the end). Reads only the character's own bytes. */
static inline int utf8_decode(const char *p, size_t n, uint32_t *cp) {
    const unsigned char *s = (const unsigned char *)p;
    if (n == 0) return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    /* 0xC0 and 0xC1 could only start an overlong form of an ASCII character; 0xF5 and up, past U+10FFFF. */
    int length = s[0] < 0xC2 ? 0 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : s[0] < 0xF5 ? 4 : 0;
    if (length == 0 || n < (size_t)length) return 0;
    uint32_t value = s[0] & (0x7Fu >> length); /* the lead byte's payload bits: 5, 4 or 3 */
    for (int i = 1; i < length; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        value = value << 6 | (s[i] & 0x3Fu);
    }
    static const uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000}; /* below these, a shorter form exists */
    if (value < smallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
    *cp = value;
    return length;
}

/* The length of the character that starts with byte [lead], in valid UTF-8 (a str's bytes). */
static inline uint32_t utf8_char_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

/* True when [byte] continues a character (10xxxxxx) rather than starts one: counting the bytes that are
 * not continuations counts characters. */
static inline bool utf8_is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

/* True when the [length] bytes at [chars] are valid UTF-8 (as utf8_decode defines it); then
 * [*char_count], when not NULL, gets the number of characters. */
bool utf8_is_valid(const char *chars, size_t length, uint32_t *char_count);

#endif
