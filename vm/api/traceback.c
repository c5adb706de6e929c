/* traceback.c: printing an uncaught error the way CPython does.
 *
 *     Traceback (most recent call last):
 *       File "prog.py", line 3, in <module>
 *         f(0)
 *       File "prog.py", line 2, in f
 *         return 1 // x
 *     ZeroDivisionError: integer division or modulo by zero
 *
 * The entries come from core/errors.c (vm_add_traceback, innermost first); the source lines come only
 * from the texts this VM compiled (vm_remember_source).
 */
#include <string.h>

#include "core/vm.h"
#include "objects/object.h"

static const SourceText *find_source(const Vm *vm, const char *path) {
    for (const SourceText *s = vm->sources; s != NULL; s = s->next) {
        if (strcmp(s->path, path) == 0) return s;
    }
    return NULL;
}

/* Prints line [line] of [path], stripped, as CPython's traceback does, if [path] is a source file this VM
 * compiled (vm->sources); nothing otherwise. No file is opened: a bytecode file's `source` and line table
 * are whatever its author wrote, so they may name /etc/passwd, /dev/zero or a FIFO. */
static void print_source_line(const Vm *vm, FILE *out, const char *path, uint32_t line) {
    const SourceText *source = find_source(vm, path);
    if (source == NULL || line == 0) return;
    const char *p = source->text, *end = source->text + source->length;
    for (uint32_t current = 1; current < line; current++) {
        const char *newline = memchr(p, '\n', (size_t)(end - p));
        if (newline == NULL) return;
        p = newline + 1;
    }
    const char *line_end = memchr(p, '\n', (size_t)(end - p));
    if (line_end == NULL) line_end = end;
    while (p < line_end && (*p == ' ' || *p == '\t' || *p == '\f')) p++;
    while (line_end > p && (line_end[-1] == '\r' || line_end[-1] == ' ' || line_end[-1] == '\t')) line_end--;
    if (line_end > p) fprintf(out, "    %.*s\n", (int)(line_end - p), p);
}

/* Prints one traceback line, and the source line under it. */
static void print_trace_line(const Vm *vm, FILE *out, const char *file, const char *name, uint32_t line) {
    fprintf(out, "  File \"%s\", line %u, in %s\n", file, line, name);
    print_source_line(vm, out, file, line);
}

/* CPython's fold of a run of identical traceback lines, singular included. */
static void print_repeated(FILE *out, uint64_t more) {
    fprintf(out, "  [Previous line repeated %llu more time%s]\n", (unsigned long long)more, more == 1 ? "" : "s");
}

void vm_print_error(Vm *vm, FILE *out) {
    fflush(vm->out);
    if (vm->traceback_count > 0) fprintf(out, "Traceback (most recent call last):\n");
    /* Entries were recorded innermost first; print outermost first. Like CPython, a run of identical
     * lines prints three times, then "[Previous line repeated N more times]". */
    const char *last_file = "", *last_name = "";
    uint32_t last_line = 0;
    uint64_t run = 0;
    for (uint32_t k = vm->traceback_count; k-- > 0;) {
        /* Millions of distinct lines (two functions recursing into each other) take a while to print:
         * --timeout and Ctrl-C stop the printing too. */
        if (vm->exec.interrupt != 0) {
            fprintf(out, "  [traceback cut short: %s]\n", vm->exec.interrupt == 2 ? "timeout" : "interrupted");
            run = 0;
            break;
        }
        TraceEntry *entry = &vm->traceback[k];
        const char *file = entry->code->source ? entry->code->source->chars : "?";
        const char *name = code_short_name(entry->code);
        uint32_t line = code_line_at(entry->code, entry->pc == 0 ? 0 : entry->pc - 1);
        bool same = strcmp(file, last_file) == 0 && strcmp(name, last_name) == 0 && line == last_line;
        if (!same) {
            if (run > 3) print_repeated(out, run - 3);
            run = 0;
        }
        for (uint64_t i = run; i < 3 && i < run + entry->count; i++) print_trace_line(vm, out, file, name, line);
        run += entry->count;
        last_file = file;
        last_name = name;
        last_line = line;
    }
    if (run > 3) print_repeated(out, run - 3);
    if (vm->exc_message[0] != '\0') fprintf(out, "%s: %s\n", vm_exception_name(vm->exc), vm->exc_message);
    else fprintf(out, "%s\n", vm_exception_name(vm->exc));
}
