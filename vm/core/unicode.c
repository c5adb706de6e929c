/* unicode.c: the UTF-8 functions of unicode.h that are not inline: the encoder and the validator.
 *
 * utf8_is_valid runs on every str string_copy makes (objects/str.c), so it skips ASCII 8 bytes at a
 * time and decodes only the rest, with the same utf8_decode every other decoder in cpvm uses.
 */
#include <string.h>

#include "core/unicode.h"

int utf8_encode(uint32_t cp, char out[4]) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool utf8_is_valid(const char *chars, size_t length, uint32_t *char_count) {
    const uint8_t *s = (const uint8_t *)chars;
    size_t i = 0;
    /* Most strings are ASCII: skip 8 bytes at a time while no byte has its high bit set. */
    while (i + 8 <= length) {
        uint64_t word;
        memcpy(&word, s + i, sizeof word);
        if (word & 0x8080808080808080ull) break;
        i += 8;
    }
    uint32_t count = (uint32_t)i;
    for (; i < length; count++) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int n = utf8_decode(chars + i, length - i, &cp);
        if (n == 0) return false;
        i += (size_t)n;
    }
    if (char_count != NULL) *char_count = count;
    return true;
}
