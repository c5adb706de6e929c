/* vm.c: a VM's life: creation, linking a program's globals, running it, and reporting its errors.
 *
 * main.c (and the tests) create a Vm, load a Program (bytecode.c, asm.c or the compiler), vm_link it and
 * vm_run it. Errors raised anywhere are recorded here (vm_raise) and, as they unwind, collect one
 * traceback line per frame; vm_print_error prints them the way CPython does.
 */
#define _GNU_SOURCE /* pthread_getattr_np */
#include <pthread.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp.h"
#include "jit/jit.h"
#include "ops/runtime.h"
#include "core/vm.h"

/* --- Creating and freeing ------------------------------------------------------------------------------ */

void vm_options_default(VmOptions *options) {
    options->jit_mode = JIT_OFF;
    options->jit_threshold = 64;
    options->recursion_limit = CPVM_DEFAULT_RECURSION_LIMIT;
    options->max_memory = 0;
    options->out = stdout;
}

/* The value stack comes straight from mmap: its pages are zero (VAL_UNDEF) and become resident only when
 * a frame first touches them, whatever malloc debugging (MALLOC_PERTURB_) is in effect. */
static Value *map_stack(void) {
    void *memory = mmap(NULL, CPVM_STACK_VALUES * sizeof(Value), PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return memory == MAP_FAILED ? NULL : (Value *)memory;
}

static void unmap_stack(Value *stack) {
    if (stack != NULL) munmap(stack, CPVM_STACK_VALUES * sizeof(Value));
}

Vm *vm_new(const VmOptions *options) {
    Vm *vm = calloc(1, sizeof(Vm));
    if (vm == NULL) return NULL;
    vm->stack = map_stack();
    vm->frame_capacity = options->recursion_limit < 1 ? 1 : options->recursion_limit;
    vm->frames = calloc((size_t)vm->frame_capacity + 1, sizeof(Frame));
    if (vm->stack == NULL || vm->frames == NULL) {
        unmap_stack(vm->stack);
        free(vm->frames);
        free(vm);
        return NULL;
    }
    vm->stack_end = vm->stack + CPVM_STACK_VALUES;
    vm->stack_high = vm->stack + 1;
    vm->recursion_limit = vm->frame_capacity;
    vm->next_gc = CPVM_GC_MIN_HEAP;
    vm->max_memory = options->max_memory;
    const char *stress = getenv("CPVM_GC_STRESS");
    vm->gc_stress = stress != NULL && strcmp(stress, "1") == 0;
    vm->out = options->out;
    vm->jit_mode = options->jit_mode;
    vm->jit_threshold = options->jit_threshold;
    vm->gc_paused++; /* builtins are rooted only once builtins_init has stored them */
    bool ok = builtins_init(vm);
    for (int c = 0; ok && c < 128; c++) {
        char ch = (char)c;
        vm->single_chars[c] = string_copy(vm, &ch, 1); /* the cache entry is still NULL: a new str */
        ok = vm->single_chars[c] != NULL;
    }
    vm->gc_paused--;
    if (!ok) {
        vm_free(vm);
        return NULL;
    }
    if (vm->jit_mode != JIT_OFF && !jit_init(vm)) vm->jit_mode = JIT_OFF;
    return vm;
}

void vm_free(Vm *vm) {
    if (vm == NULL) return;
    while (vm->programs != NULL) program_free(vm, vm->programs);
    gc_free_heap(vm);
    if (vm->jit != NULL) jit_fini(vm);
    free(vm->global_names);
    free(vm->global_values);
    free(vm->builtin_names);
    free(vm->builtin_values);
    free(vm->traceback);
    while (vm->sources != NULL) {
        SourceText *next = vm->sources->next;
        free(vm->sources->path);
        free(vm->sources->text);
        free(vm->sources);
        vm->sources = next;
    }
    unmap_stack(vm->stack);
    free(vm->frames);
    free(vm);
}

/* --- Programs ------------------------------------------------------------------------------------------ */

Program *program_new(Vm *vm, ObjString *source, uint32_t count) {
    Program *program = VM_ALLOCATE(vm, Program, 1);
    if (program == NULL) return NULL;
    program->source = source;
    program->count = 0;
    program->codes = count == 0 ? NULL : VM_ALLOCATE(vm, ObjCode *, count);
    if (count != 0 && program->codes == NULL) {
        VM_FREE_ARRAY(vm, Program, program, 1);
        return NULL;
    }
    for (uint32_t i = 0; i < count; i++) program->codes[i] = NULL;
    program->count = count;
    program->next = vm->programs;
    vm->programs = program;
    return program;
}

void program_free(Vm *vm, Program *program) {
    if (program == NULL) return;
    for (Program **link = &vm->programs; *link != NULL; link = &(*link)->next) {
        if (*link == program) {
            *link = program->next;
            break;
        }
    }
    if (vm->program == program) vm->program = NULL;
    VM_FREE_ARRAY(vm, ObjCode *, program->codes, program->count);
    VM_FREE_ARRAY(vm, Program, program, 1);
}

uint32_t code_line_at(const ObjCode *code, uint32_t pc) {
    /* The last entry whose offset is <= pc: binary search over the sorted table. */
    uint32_t low = 0, high = code->nlines;
    while (low < high) {
        uint32_t mid = low + (high - low) / 2;
        if (code->lines[mid].offset <= pc) low = mid + 1;
        else high = mid;
    }
    return low == 0 ? 0 : code->lines[low - 1].line;
}

/* --- Linking globals ----------------------------------------------------------------------------------- */

/* Slot of [name] in the globals, adding it (initialised from the builtins) when new; UINT32_MAX on OOM. */
static uint32_t global_slot(Vm *vm, ObjString *name) {
    for (uint32_t i = 0; i < vm->nglobals; i++) {
        if (string_equal(vm->global_names[i], name)) return i;
    }
    if (vm->nglobals == vm->globals_capacity) {
        uint32_t capacity = vm->globals_capacity < 16 ? 16 : vm->globals_capacity * 2;
        ObjString **names = realloc(vm->global_names, capacity * sizeof(ObjString *));
        if (names == NULL) return UINT32_MAX;
        vm->global_names = names;
        Value *values = realloc(vm->global_values, capacity * sizeof(Value));
        if (values == NULL) return UINT32_MAX;
        vm->global_values = values;
        vm->globals_capacity = capacity;
    }
    Value initial = undef_value();
    for (uint32_t i = 0; i < vm->nbuiltins; i++) {
        if (string_equal(vm->builtin_names[i], name)) initial = vm->builtin_values[i];
    }
    vm->global_names[vm->nglobals] = name;
    vm->global_values[vm->nglobals] = initial;
    return vm->nglobals++;
}

bool vm_link(Vm *vm, Program *program) {
    vm->program = program;
    vm->gc_paused++;
    bool ok = true;
    ObjString *dunder_name = string_from_cstr(vm, "__name__");
    ObjString *main_name = string_from_cstr(vm, "__main__");
    uint32_t slot = dunder_name && main_name ? global_slot(vm, dunder_name) : UINT32_MAX;
    if (slot == UINT32_MAX) ok = false;
    else vm->global_values[slot] = obj_value(&main_name->obj);
    for (uint32_t c = 0; ok && c < program->count; c++) {
        ObjCode *code = program->codes[c];
        if (code->nnames == 0) continue;
        code->global_slots = VM_ALLOCATE(vm, uint32_t, code->nnames);
        if (code->global_slots == NULL) {
            ok = false;
            break;
        }
        for (uint32_t i = 0; i < code->nnames; i++) {
            code->global_slots[i] = global_slot(vm, code->names[i]);
            if (code->global_slots[i] == UINT32_MAX) ok = false;
        }
    }
    vm->gc_paused--;
    if (!ok) return vm_raise(vm, EXC_MEMORY_ERROR, "%s", "");
    /* From here on the globals never move: JIT code embeds the slots' addresses. */
    return true;
}

bool vm_set_argv(Vm *vm, int argc, char **argv) {
    Value argv_list = none_value();
    for (uint32_t i = 0; i < vm->sys_module->count; i++) {
        if (strcmp(vm->sys_module->attr_names[i]->chars, "argv") == 0) argv_list = vm->sys_module->attr_values[i];
    }
    if (!IS_LIST(argv_list)) return true;
    for (int i = 0; i < argc; i++) {
        ObjString *arg = string_from_cstr(vm, argv[i]);
        if (arg == NULL || !list_append(vm, AS_LIST(argv_list), obj_value(&arg->obj))) return false;
    }
    return true;
}

/* --- Running ------------------------------------------------------------------------------------------- */

void vm_set_c_stack_limit(Vm *vm) {
    /* The frame address, not a local's: under ASan a local may live on a heap "fake stack". */
    char *here = __builtin_frame_address(0);
    char *bottom = NULL;
    pthread_attr_t attr;
    /* For the main thread glibc derives the bounds from RLIMIT_STACK and the [stack] mapping, so the
     * environment and argument strings above main's frame are counted, and so is `ulimit -s`. */
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void *address;
        size_t size;
        if (pthread_attr_getstack(&attr, &address, &size) == 0) bottom = address;
        pthread_attr_destroy(&attr);
    }
    /* No answer, or a stack that claims to be unlimited: assume CPVM_C_STACK_MAX below this frame. */
    if (bottom == NULL || bottom >= here || (size_t)(here - bottom) > CPVM_C_STACK_MAX) {
        bottom = here - CPVM_C_STACK_MAX;
    }
    size_t usable = (size_t)(here - bottom);
    vm->c_stack_limit = usable > CPVM_C_STACK_RESERVE ? bottom + CPVM_C_STACK_RESERVE : here;
}

bool vm_run(Vm *vm) {
    vm_set_c_stack_limit(vm);
    ObjCode *module_code = vm->program->codes[0];
    ObjFunction *module_function = function_new(vm, module_code, NULL);
    if (module_function == NULL) return false;
    vm->stack[0] = obj_value(&module_function->obj);
    Frame *frame = rt_push_frame(vm, &vm->stack[0], 0);
    if (frame == NULL) return false;
    frame->c_entry = true;
    rt_count_call(vm, module_code);
    bool ok;
    if (module_code->jit != NULL) {
        ok = jit_execute(vm, frame, frame->locals + module_code->nlocals, 0);
        if (!ok) vm_add_traceback(vm, frame);
    } else {
        ok = interp_run(vm, frame);
    }
    vm->frame_count--;
    fflush(vm->out);
    return ok;
}

/* --- Errors -------------------------------------------------------------------------------------------- */

static const char *const exception_names[] = {
    "(no error)",
#define CPVM_EXC_NAME(name, text) text,
    CPVM_EXCEPTIONS(CPVM_EXC_NAME)
#undef CPVM_EXC_NAME
};

const char *vm_exception_name(ExcType type) { return exception_names[type]; }

bool vm_raise(Vm *vm, ExcType type, const char *format, ...) {
    /* The first error wins: a MemoryError while reporting another error must not replace it. */
    if (vm->exc != EXC_NONE) return false;
    vm->exc = type;
    va_list args;
    va_start(args, format);
    vsnprintf(vm->exc_message, sizeof vm->exc_message, format, args);
    va_end(args);
    return false;
}

void vm_clear_error(Vm *vm) {
    vm->exc = EXC_NONE;
    vm->exc_message[0] = '\0';
    vm->traceback_count = 0;
}

void vm_add_traceback(Vm *vm, Frame *frame) {
    if (vm->traceback_count > 0) {
        TraceEntry *last = &vm->traceback[vm->traceback_count - 1];
        if (last->code == frame->code && last->pc == frame->pc) {
            last->count++;
            return;
        }
    }
    if (vm->traceback_count == vm->traceback_capacity) {
        uint32_t capacity = vm->traceback_capacity < 64 ? 64 : vm->traceback_capacity * 2;
        TraceEntry *entries = realloc(vm->traceback, capacity * sizeof(TraceEntry));
        if (entries == NULL) return; /* the traceback loses a line; the error itself is kept */
        vm->traceback = entries;
        vm->traceback_capacity = capacity;
    }
    vm->traceback[vm->traceback_count++] = (TraceEntry){frame->code, frame->pc, 1};
}

bool vm_remember_source(Vm *vm, const char *path, const char *text, size_t length) {
    SourceText *source = calloc(1, sizeof *source);
    if (source == NULL) return false;
    source->path = strdup(path);
    source->text = malloc(length + 1);
    if (source->path == NULL || source->text == NULL) {
        free(source->path);
        free(source->text);
        free(source);
        return false;
    }
    memcpy(source->text, text, length);
    source->text[length] = '\0';
    source->length = length;
    source->next = vm->sources;
    vm->sources = source;
    return true;
}

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
        if (vm->interrupt != 0) {
            fprintf(out, "  [traceback cut short: %s]\n", vm->interrupt == 2 ? "timeout" : "interrupted");
            run = 0;
            break;
        }
        TraceEntry *entry = &vm->traceback[k];
        const char *file = entry->code->source ? entry->code->source->chars : "?";
        const char *name = entry->code->name ? entry->code->name->chars : "?";
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
