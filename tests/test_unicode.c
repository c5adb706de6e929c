/* test_unicode.c: UTF-8 (vm/core/unicode.h): every code point round-trips, and the decoder and the
 * validator refuse what Python's decoder refuses (overlong forms, surrogates, past U+10FFFF, cut off).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/unicode.h"

static void test_utf8_every_code_point_round_trips(void **state) {
    (void)state;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        char bytes[4];
        int n = utf8_encode(cp, bytes);
        assert_int_equal(n, cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
        assert_int_equal(utf8_char_length((unsigned char)bytes[0]), n);
        for (int k = 1; k < n; k++) assert_true(utf8_is_continuation((unsigned char)bytes[k]));
        uint32_t back = UINT32_MAX;
        assert_int_equal(utf8_decode(bytes, (size_t)n, &back), n);
        assert_int_equal(back, cp);
        uint32_t count = 0;
        assert_true(utf8_is_valid(bytes, (size_t)n, &count));
        assert_int_equal(count, 1);
    }
}

static void test_utf8_decode_refuses_what_python_refuses(void **state) {
    (void)state;
    static const struct {
        const char *bytes;
        size_t n;
    } bad[] = {
        {"\x80", 1},                 /* a continuation byte alone */
        {"\xC0\xAF", 2},             /* '/' in two bytes: overlong */
        {"\xE0\x80\xAF", 3},         /* overlong in three */
        {"\xF0\x80\x80\xAF", 4},     /* overlong in four */
        {"\xED\xA0\x80", 3},         /* U+D800, a surrogate */
        {"\xF4\x90\x80\x80", 4},     /* U+110000 */
        {"\xF8\x88\x80\x80\x80", 5}, /* a five-byte form */
        {"\xE2\x82", 2},             /* the euro sign, cut off */
        {"\xE2\x28\xAC", 3},         /* a broken continuation */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t cp = 7;
        assert_int_equal(utf8_decode(bad[i].bytes, bad[i].n, &cp), 0);
        assert_int_equal(cp, 7); /* untouched */
        assert_false(utf8_is_valid(bad[i].bytes, bad[i].n, NULL));
    }
    uint32_t cp;
    assert_int_equal(utf8_decode("", 0, &cp), 0);
}

static void test_utf8_is_valid_counts_characters_past_the_ascii_fast_path(void **state) {
    (void)state;
    const char *text = "plain ascii, then caf\xC3\xA9 and \xE2\x82\xAC and \xF0\x9F\x98\x80.";
    uint32_t count = 0;
    assert_true(utf8_is_valid(text, strlen(text), &count));
    assert_int_equal(count, strlen(text) - 1 - 2 - 3);
    assert_false(utf8_is_valid(text, strlen(text) - 2, NULL)); /* the emoji cut off */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_every_code_point_round_trips),
        cmocka_unit_test(test_utf8_decode_refuses_what_python_refuses),
        cmocka_unit_test(test_utf8_is_valid_counts_characters_past_the_ascii_fast_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
