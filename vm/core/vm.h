/* vm.h: the Vm instance, its frames, and the error state every phase reports through.
 *
 * There is no global mutable state in cpvm: everything a running program touches hangs off a Vm, so
 * several VMs can run in one process. The value stack is one array; a call's frame owns the slice that
 * starts at its locals (see Frame). interp.c runs frames; jit.c runs compiled ones; gc.c finds its roots here.
 */
#ifndef cpvm_vm_h
#define cpvm_vm_h

#include <signal.h>
#include <stdio.h>

#include "objects/object.h"

/* Python's exception types that cpvm can raise, with the names tracebacks print. */
#define CPVM_EXCEPTIONS(X)                                                                                \
    X(TYPE_ERROR, "TypeError") X(VALUE_ERROR, "ValueError") X(ZERO_DIVISION_ERROR, "ZeroDivisionError")   \
    X(OVERFLOW_ERROR, "OverflowError") X(INDEX_ERROR, "IndexError") X(NAME_ERROR, "NameError")            \
    X(UNBOUND_LOCAL_ERROR, "UnboundLocalError") X(RECURSION_ERROR, "RecursionError")                     \
    X(MEMORY_ERROR, "MemoryError") X(ATTRIBUTE_ERROR, "AttributeError") X(ASSERTION_ERROR, "AssertionError") \
    X(KEYBOARD_INTERRUPT, "KeyboardInterrupt") X(TIMEOUT_ERROR, "TimeoutError") X(KEY_ERROR, "KeyError")

typedef enum {
    EXC_NONE,
#define CPVM_EXC_ENUM(name, text) EXC_##name,
    CPVM_EXCEPTIONS(CPVM_EXC_ENUM)
#undef CPVM_EXC_ENUM
} ExcType;

/* One activation of a function. Its values live on the VM stack:
 *
 *     locals[-1]             the callee slot: the function being called; receives the return value
 *     locals[0 .. nlocals)   parameters, then other locals (VAL_UNDEF until assigned)
 *     above that             the operand stack, at most code->max_stack deep
 */
typedef struct Frame {
    ObjCode *code;
    Value *locals;
    uint32_t pc;  /* byte offset just past the current instruction; exact whenever the frame is not running */
    bool c_entry; /* returning from this frame returns from the C call that started it */
} Frame;

/* One line of a traceback, recorded as an error leaves a frame (innermost first). A run of identical
 * lines (deep recursion) is one entry with a count, so a RecursionError needs no memory per frame. */
typedef struct {
    ObjCode *code;
    uint32_t pc;
    uint64_t count;
} TraceEntry;

typedef enum { JIT_OFF, JIT_AUTO, JIT_ALWAYS } JitMode;

/* A loaded program: the functions of one bytecode file, in file order. codes[0] is the module body. */
typedef struct Program {
    struct Program *next; /* every live Program of a VM is a GC root, listed from vm->programs */
    ObjString *source; /* source file name as recorded in the file */
    uint32_t count;
    ObjCode **codes; /* owned array; the codes themselves are GC objects kept alive through vm->program */
} Program;

/* A source file's text, kept for tracebacks (vm_remember_source). */
typedef struct SourceText {
    struct SourceText *next;
    char *path;   /* owned, NUL-ended */
    char *text;   /* owned copy of the bytes that were compiled */
    size_t length;
} SourceText;

typedef struct JitState JitState;
typedef struct GcPage GcPage;
typedef struct JitDebug JitDebug;

typedef struct Vm {
    /* The value stack (CPVM_STACK_VALUES slots) and the frames on it. */
    Value *stack;
    Value *stack_end;
    Value *stack_high; /* highest slot any frame has reached; gc.c clears dead slots up to here */
    Frame *frames;
    int frame_count;
    int frame_capacity; /* recursion_limit + 1: the module frame does not count */
    int recursion_limit;
    /* The lowest C stack address a recursive C path (a call through C, ==, <, repr) may reach before it
     * raises RecursionError: the running thread's real stack bottom (its rlimit, environment and
     * arguments taken into account) plus a reserve for the deepest C code between two checks. vm_run
     * sets it; NULL means "not running", and then no check fires. See vm_c_stack_exhausted. */
    char *c_stack_limit;

    /* Globals of the running program: vm_link gives every name a slot. A slot starts as the builtin of
     * that name, or VAL_UNDEF. Slots never move once linked, so JIT code may embed their addresses. */
    uint32_t nglobals;
    uint32_t globals_capacity;
    ObjString **global_names;
    Value *global_values;
    Program *program;  /* the linked, running program */
    Program *programs; /* all programs not yet freed (GC roots): loaded, assembled or compiled */

    /* Builtin functions and modules, and the methods of lists (vm.c fills them at vm_new). */
    uint32_t nbuiltins;
    ObjString **builtin_names;
    Value *builtin_values;
    ObjModule *sys_module;
    ObjBuiltin *list_methods[16]; /* append, pop, ...: what LOAD_METHOD finds on a list */
    uint32_t nlist_methods;
    /* LOAD_METHOD's lookups by name object, so a loop calling list.append compares no strings. Keyed by
     * the name's address, which a collection may reuse, so gc_collect empties it. */
    struct {
        ObjString *name;
        ObjBuiltin *method;
    } method_cache[16];

    /* The heap (gc.c): small objects in pages of one size class each, large ones in a list. */
    Obj *objects;                         /* large objects (every object under ASan), newest first */
    GcPage *pages[CPVM_POOL_CLASSES];     /* pages in use, by size class */
    Obj *free_slots[CPVM_POOL_CLASSES];   /* free slots by size class, in address order per page */
    char *bump[CPVM_POOL_CLASSES];        /* then the never-used slots of the class's newest page, */
    char *bump_end[CPVM_POOL_CLASSES];    /* from bump up to bump_end */
    GcPage *empty_pages;                  /* empty pages kept for reuse by any class */
    size_t empty_page_count;
    size_t page_count;                    /* pages mapped, empty ones included */
    size_t bytes_allocated; /* objects (a small one counts its whole slot) and the buffers they own */
    size_t next_gc;
    size_t max_memory; /* --max-memory in bytes; 0: no limit */
    bool gc_stress;    /* CPVM_GC_STRESS=1: collect at every allocation */
    int gc_paused;     /* > 0 while building code objects that are not yet reachable */
    /* The 128 one-character ASCII strs, made by vm_new: string_copy returns these instead of allocating
     * (as CPython does), so indexing and iterating over a str make no garbage. A GC root. */
    ObjString *single_chars[128];
    Value temp_roots[16];
    int temp_root_count;
    size_t gc_count;

    /* The error being raised, and the traceback collected while it unwinds. */
    ExcType exc;
    char exc_message[512];
    TraceEntry *traceback;
    uint32_t traceback_count, traceback_capacity;

    /* The text of every source file this VM compiled (newest first). Tracebacks print their lines from
     * here and nowhere else: a bytecode file names its own source path and line table, and must not be
     * able to make cpvm open and print a file of its choosing (or block reading a FIFO). */
    struct SourceText *sources;

    /* Output of print(), buffered; stderr is used only for errors and --stats. */
    FILE *out;

    /* Tiering and the JIT (jit.c). */
    JitMode jit_mode;
    uint32_t jit_threshold;
    JitState *jit;
    JitDebug *jit_debug; /* --trace-jit, --perf-map, --perf-jitdump, --gdb-jit (jit_debug.c); NULL when all off */

    /* Set asynchronously (SIGINT, --timeout); checked at loop back-edges and calls. */
    volatile sig_atomic_t interrupt;
} Vm;

typedef struct {
    JitMode jit_mode;
    uint32_t jit_threshold;
    int recursion_limit;
    size_t max_memory;
    FILE *out;
} VmOptions;

void vm_options_default(VmOptions *options);
/* A new VM, or NULL when memory for the stack cannot be had. */
Vm *vm_new(const VmOptions *options);
void vm_free(Vm *vm);

/* Gives every name of [program]'s functions a global slot and makes [program] the running program
 * (and so a GC root). Returns false with MemoryError set if memory runs out. */
bool vm_link(Vm *vm, Program *program);
/* Runs the module body of the linked program. Returns false after an uncaught error (see vm_print_error). */
bool vm_run(Vm *vm);
/* Prints the traceback and "Type: message" of the current error to [out]. */
void vm_print_error(Vm *vm, FILE *out);
/* Keeps a copy of [text], the source compiled from [path], so tracebacks can show its lines. False when
 * memory runs out (the traceback then shows no source lines; nothing else changes). */
bool vm_remember_source(Vm *vm, const char *path, const char *text, size_t length);

/* True when the C stack is nearly used up: a recursive C path must raise RecursionError instead of going
 * deeper. Inlined, so the address it compares is the caller's own frame. */
__attribute__((always_inline)) static inline bool vm_c_stack_exhausted(const Vm *vm) {
    return (char *)__builtin_frame_address(0) < vm->c_stack_limit;
}
/* Sets vm->c_stack_limit for the calling thread (vm_run; tests that call into the runtime directly). */
void vm_set_c_stack_limit(Vm *vm);

/* Sets sys.argv. */
bool vm_set_argv(Vm *vm, int argc, char **argv);

/* Sets the current error; always returns false so callers can `return vm_raise(...)`. */
bool vm_raise(Vm *vm, ExcType type, const char *format, ...) __attribute__((format(printf, 3, 4)));
const char *vm_exception_name(ExcType type);
void vm_clear_error(Vm *vm);
/* Records that the error passes out of [frame] at its pc (one traceback line). */
void vm_add_traceback(Vm *vm, Frame *frame);

/* The one allocator: every byte of the heap goes through here (gc.c). It may run the GC first.
 * Returns NULL with MemoryError set when the system or --max-memory says no. */
void *vm_reallocate(Vm *vm, void *pointer, size_t old_size, size_t new_size);
#define VM_ALLOCATE(vm, type, count) ((type *)vm_reallocate(vm, NULL, 0, sizeof(type) * (count)))
#define VM_FREE_ARRAY(vm, type, pointer, count) vm_reallocate(vm, pointer, sizeof(type) * (count), 0)

/* Protects [v] from the GC while C code holds it in a local; pops are LIFO. */
static inline void vm_push_root(Vm *vm, Value v) { vm->temp_roots[vm->temp_root_count++] = v; }
static inline void vm_pop_root(Vm *vm) { vm->temp_root_count--; }

void gc_collect(Vm *vm);
/* A zeroed heap object of [size] bytes and [type], known to the sweep, and the release of its memory
 * (object.c only). Small objects come from pages of same-size slots, which spares malloc the str, tuple
 * and iterator churn of a typical program and lets the sweep walk memory in order. */
Obj *gc_allocate_object(Vm *vm, size_t size, ObjType type);
void gc_free_object(Vm *vm, void *object, size_t size);
/* Frees every object and returns the pages to the system (vm_free). */
void gc_free_heap(Vm *vm);

/* Program helpers (vm.c). program_new registers the program as a GC root until program_free; its codes
 * start NULL and are filled in by the caller. */
Program *program_new(Vm *vm, ObjString *source, uint32_t count);
void program_free(Vm *vm, Program *program);
/* Source line of the instruction that contains byte [pc] of [code], from its line table; 0 when unknown.
 * For a frame, pass frame->pc - 1 (its pc is past the current instruction). */
uint32_t code_line_at(const ObjCode *code, uint32_t pc);

#endif
