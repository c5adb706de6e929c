/* strbuf.c: a growable byte buffer for building text (repr, str, print, % formatting, error messages).
 *
 * Its memory comes from the VM's allocator (so --max-memory counts it) but it is no GC object: a
 * collection while text is being built never moves or frees it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/vm.h"

static bool no_memory(Vm *vm) { return vm_raise(vm, EXC_MEMORY_ERROR, "%s", ""); }

/* A str's length is 32-bit (ObjString), so no buffer needs to grow past that. */
#define STRBUF_MAX ((size_t)UINT32_MAX - 1)

void strbuf_init(StrBuf *b) {
    b->chars = b->small;
    b->chars[0] = '\0';
    b->length = 0;
    b->capacity = sizeof b->small;
    b->failed = false;
}

void strbuf_free(Vm *vm, StrBuf *b) {
    if (b->chars != b->small) vm_reallocate(vm, b->chars, b->capacity, 0);
    strbuf_init(b);
}

/* Makes room for [extra] more bytes plus the NUL kept after them; false (and b->failed) when memory
 * runs out, after which every append is a no-op so callers may check once at the end. */
static bool reserve(Vm *vm, StrBuf *b, size_t extra) {
    if (b->failed) return false;
    if (b->capacity > b->length + extra) return true;
    if (extra > STRBUF_MAX - b->length) {
        b->failed = true;
        return no_memory(vm);
    }
    size_t need = b->length + extra + 1, capacity = b->capacity < 64 ? 64 : b->capacity;
    while (capacity < need) capacity *= 2;
    bool was_small = b->chars == b->small;
    char *chars = vm_reallocate(vm, was_small ? NULL : b->chars, was_small ? 0 : b->capacity, capacity);
    if (chars == NULL) {
        b->failed = true;
        return false;
    }
    if (was_small) memcpy(chars, b->small, b->length + 1);
    b->chars = chars;
    b->capacity = capacity;
    return true;
}

void strbuf_append(Vm *vm, StrBuf *b, const char *chars, size_t length) {
    if (!reserve(vm, b, length)) return;
    memcpy(b->chars + b->length, chars, length);
    b->length += length;
    b->chars[b->length] = '\0';
}

void strbuf_append_cstr(Vm *vm, StrBuf *b, const char *cstr) { strbuf_append(vm, b, cstr, strlen(cstr)); }

void strbuf_append_repeated(Vm *vm, StrBuf *b, const char *chars, size_t length, size_t count) {
    if (length == 0 || count == 0) return;
    if (count > STRBUF_MAX / length) {
        b->failed = true;
        no_memory(vm);
        return;
    }
    size_t total = length * count;
    if (!reserve(vm, b, total)) return;
    char *start = b->chars + b->length;
    memcpy(start, chars, length);
    size_t done = length;
    const size_t chunk = (size_t)1 << 20;
    while (done < total) {
        /* Copy what is already there (a whole number of copies) onto its end. */
        size_t n = done < total - done ? done : total - done;
        if (n > chunk) n = length > chunk ? length : chunk - chunk % length; /* still whole copies */
        memcpy(start + done, start, n);
        done += n;
        if (__builtin_expect(vm->exec.interrupt != 0, 0) && done < total && !rt_interrupted(vm)) {
            b->failed = true;
            return;
        }
    }
    b->length += total;
    b->chars[b->length] = '\0';
}

/* [count] copies of [c]: padding and zeros whose number a program chooses ('%2000000000d'), through
 * strbuf_append_repeated (accounted, filled a MiB at a time so --timeout and Ctrl-C reach it). */
void strbuf_append_repeated_char(Vm *vm, StrBuf *b, char c, size_t count) { strbuf_append_repeated(vm, b, &c, 1, count); }

/* The decimal digits of [v] into [out] (at least 21 bytes), NUL-ended; returns how many. snprintf's "%llu"
 * gives the same through the whole printf machinery, which str(int) and "%d" run too often to afford. */
size_t decimal_digits(uint64_t v, char *out) {
    char reversed[20];
    size_t n = 0;
    do {
        reversed[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++) out[i] = reversed[n - 1 - i];
    out[n] = '\0';
    return n;
}

/* Appends str(i). */
void strbuf_append_int(Vm *vm, StrBuf *b, int64_t i) {
    char text[24];
    size_t n = 0;
    if (i < 0) text[n++] = '-';
    n += decimal_digits(i < 0 ? -(uint64_t)i : (uint64_t)i, text + n);
    strbuf_append(vm, b, text, n);
}

void strbuf_append_format(Vm *vm, StrBuf *b, const char *format, ...) {
    char text[256]; /* callers print a few numbers and a short name */
    va_list args;
    va_start(args, format);
    int n = vsnprintf(text, sizeof text, format, args);
    va_end(args);
    if (n > 0) strbuf_append(vm, b, text, (size_t)n < sizeof text ? (size_t)n : sizeof text - 1);
}

