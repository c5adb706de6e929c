/* source_text.c: what the compiler says about the source text itself: a compile error shown with its
 * line and a caret, and the check that the whole file is UTF-8 (compiler.c calls both).
 */
#include <stdio.h>
#include <string.h>

#include "core/unicode.h"
#include "compiler/source_text.h"

/* Writes "FILE:LINE:COL: error: MESSAGE", the source line and a caret under the column. The column is
 * counted in characters, and the caret line copies the line's tabs so it lines up in a terminal. A long
 * line is shown from a little before the error, so the caret stays on screen. */
void source_format_error(const char *source, size_t length, const char *filename, const SourceError *e, char *out,
                         size_t size) {
    const char *p = source, *end = source + length;
    if (length >= 3 && memcmp(source, "\xEF\xBB\xBF", 3) == 0) p += 3;
    for (uint32_t line = 1; line < e->line && p < end; p++) {
        if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n'))) line++;
    }
    const char *line_end = p;
    while (line_end < end && *line_end != '\n' && *line_end != '\r') line_end++;
    const char *at = p + (e->col > 0 ? e->col - 1 : 0);
    if (at > line_end) at = line_end;
    uint32_t col = 1;
    for (const char *q = p; q < at; q++) col += !utf8_is_continuation((unsigned char)*q); /* characters, not bytes */
    const char *shown = p;
    if (at - shown > 120) {
        shown = at - 80;
        while (shown < at && utf8_is_continuation((unsigned char)*shown)) shown++;
    }
    int shown_length = line_end - shown > 200 ? 200 : (int)(line_end - shown);
    char caret[256];
    size_t n = 0;
    for (const char *q = shown; q < at && n + 2 < sizeof caret; q++) {
        if (!utf8_is_continuation((unsigned char)*q)) caret[n++] = *q == '\t' ? '\t' : ' ';
    }
    caret[n++] = '^';
    caret[n] = '\0';
    snprintf(out, size, "%s:%u:%u: error: %s\n%.*s\n%s", filename, e->line, col, e->message, shown_length, shown,
             caret);
}

/* Finds the first line that is not valid UTF-8 (string constants must be). */
bool source_check_utf8(const char *source, size_t length, SourceError *error) {
    uint32_t count, line = 1;
    for (const char *p = source, *end = source + length; p < end; line++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (eol == NULL) eol = end;
        if (!utf8_is_valid(p, (size_t)(eol - p), &count)) return source_error(error, line, 1, "source is not valid UTF-8");
        p = eol + 1;
    }
    return true;
}
