/* traceback.c: printing an uncaught error the way CPython does.
 *
 *     Traceback (most recent call last):
 *       File "prog.py", line 3, in <module>
 *         f(0)
 *       File "prog.py", line 2, in f
 *         return 1 // x
 *     ZeroDivisionError: integer division or modulo by zero
 *
 * The entries come from the exception object (objects/exception.c's vm_add_traceback, innermost first),
 * and a chained exception (__cause__, __context__) prints before the one it led to; the source lines come only
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

/* The "Traceback (most recent call last):" block of [exc]: entries were recorded innermost first, so
 * they print in reverse. Like CPython, a run of identical lines prints three times, then "[Previous
 * line repeated N more times]". */
static void print_traceback(Vm *vm, FILE *out, const ObjException *exc) {
    if (exc->traceback_count > 0) fprintf(out, "Traceback (most recent call last):\n");
    const char *last_file = "", *last_name = "";
    uint32_t last_line = 0;
    uint64_t run = 0;
    for (uint32_t k = exc->traceback_count; k-- > 0;) {
        /* Millions of distinct lines (two functions recursing into each other) take a while to print:
         * --timeout and Ctrl-C stop the printing too. */
        if (vm->exec.interrupt != 0 && vm->exec.interrupt != CPVM_INTERRUPT_FINALIZE) {
            fprintf(out, "  [traceback cut short: %s]\n", vm->exec.interrupt == 2 ? "timeout" : "interrupted");
            run = 0;
            break;
        }
        const TraceEntry *entry = &exc->traceback[k];
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
}

/* "Type: str(e)", or "Type" when str(e) is empty. */
static void print_exception_line(Vm *vm, FILE *out, ObjException *exc) {
    StrBuf b;
    strbuf_init(&b);
    bool ok = exception_write_str(vm, &b, exc) && !b.failed;
    vm_clear_error(vm); /* str(e) of a big argument may run out of memory: print the type alone */
    if (ok && b.length > 0) fprintf(out, "%s: %.*s\n", exc->type->name, (int)b.length, b.chars);
    else fprintf(out, "%s\n", exc->type->name);
    strbuf_free(vm, &b);
}

/* CPython's chain: the cause (raise ... from) or the context (raised while handling) prints first,
 * then the sentence that links it to [exc]. [depth] bounds a pathological chain. */
static void print_chain(Vm *vm, FILE *out, ObjException *exc, int depth) {
    if (depth < 100 && IS_EXCEPTION(exc->cause)) {
        print_chain(vm, out, AS_EXCEPTION(exc->cause), depth + 1);
        fprintf(out, "\nThe above exception was the direct cause of the following exception:\n\n");
    } else if (depth < 100 && IS_EXCEPTION(exc->context) && !exc->suppress_context) {
        print_chain(vm, out, AS_EXCEPTION(exc->context), depth + 1);
        fprintf(out, "\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    print_traceback(vm, out, exc);
    print_exception_line(vm, out, exc);
}

void vm_print_error(Vm *vm, FILE *out) {
    fflush(vm->out);
    ObjException *exc = exception_current(vm);
    if (exc == NULL) return;
    /* Printing runs str() on the arguments, which must see no error set; the error is put back after. */
    ExcType kind = vm->exc;
    vm_clear_error(vm);
    vm->gc_paused++; /* the chain is reachable only from the error taken off the VM */
    print_chain(vm, out, exc, 0);
    vm->gc_paused--;
    exception_set_current(vm, exc);
    vm->exc = kind;
}

bool vm_exit_status(Vm *vm, int *status) {
    ObjException *exc = exception_current(vm);
    if (exc == NULL || !type_is_subtype(exc->type, vm->exc_types[EXC_SYSTEM_EXIT])) return false;
    Value code = exc->args->count == 0 ? none_value() : exc->args->count == 1 ? exc->args->items[0]
                                                                               : obj_value(&exc->args->obj);
    fflush(vm->out);
    if (IS_NONE(code)) *status = 0;
    else if (IS_INT(code) || IS_BOOL(code)) *status = (int)(IS_INT(code) ? AS_INT(code) : AS_BOOL(code)) & 0xff;
    else {
        /* sys.exit("message"): CPython prints str(code) to stderr and exits 1 */
        StrBuf b;
        strbuf_init(&b);
        vm_clear_error(vm);
        if (value_write_str(vm, &b, code) && !b.failed) fprintf(stderr, "%.*s\n", (int)b.length, b.chars);
        strbuf_free(vm, &b);
        exception_set_current(vm, exc);
        *status = 1;
    }
    return true;
}

/* CPython's default sys.unraisablehook: the object, then the error's own traceback and line (no chain). */
void vm_print_unraisable(Vm *vm, Obj *obj) {
    fflush(vm->out);
    ObjException *exc = exception_current(vm);
    vm_clear_error(vm);
    if (exc == NULL) return;
    vm->gc_paused++; /* exc is reachable only from here now */
    StrBuf b;
    strbuf_init(&b);
    bool ok = value_write_repr(vm, &b, obj_value(obj)) && !b.failed;
    vm_clear_error(vm);
    fprintf(stderr, "Exception ignored in: %.*s\n", ok ? (int)b.length : 1, ok ? b.chars : "?");
    strbuf_free(vm, &b);
    print_traceback(vm, stderr, exc);
    print_exception_line(vm, stderr, exc);
    vm->gc_paused--;
}
